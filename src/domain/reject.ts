import type { WorkspaceId } from './ids.ts';

/** A record that did not parse or validate, kept with where it came from and why. */
export interface Reject {
  workspaceId: WorkspaceId;
  /** Source id (for a file import, the file path). */
  source: string;
  /** 1-based line (or record) number in the source, when it has one. */
  line: number | null;
  reason: string;
  /** The offending input, cut to 2 kB, with invalid bytes replaced. */
  excerpt: string;
  at: number;
}
export type RejectDraft = Omit<Reject, 'workspaceId' | 'at'>;
