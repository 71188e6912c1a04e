import type { MentionDraft } from '../domain/mention.ts';
import type { Source, SourceItem, SourceOptions } from '../listen/source.ts';

type Item = { kind: 'mention'; mention: MentionDraft } | { kind: 'delete'; id: string; at: number } | { kind: 'reject'; reason: string };

/**
 * A source for tests: item i comes from `make(i)` (null ends it), its checkpoint is `i + 1`, it
 * resumes after a checkpoint and stops when its signal is aborted. `pulled` counts the items
 * handed out, for back-pressure checks; `gate` can hold an item back (a quiet live source).
 */
export class GeneratedSource implements Source {
  readonly id: string;
  readonly kind = 'test';
  pulled = 0;
  private readonly make: (i: number) => Item | null;
  private readonly gate: ((i: number) => Promise<void>) | undefined;

  constructor(id: string, make: (i: number) => Item | null, gate?: (i: number) => Promise<void>) {
    this.id = id;
    this.make = make;
    this.gate = gate;
  }

  async *read(options: SourceOptions = {}): AsyncIterable<SourceItem> {
    for (let i = options.from ? Number(options.from) : 0; ; i++) {
      if (options.signal?.aborted) return;
      if (this.gate) await this.gate(i);
      const item = this.make(i);
      if (item === null) return;
      this.pulled++;
      const checkpoint = String(i + 1);
      if (item.kind === 'reject') {
        yield { kind: 'reject', reject: { source: this.id, line: i + 1, reason: item.reason, excerpt: `line ${i + 1}` }, checkpoint };
      } else yield { ...item, checkpoint };
    }
  }
}
