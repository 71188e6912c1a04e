import type { WorkspaceId } from '../../../domain/ids.ts';
import type { SentimentCorrection, Store } from '../../../store/store.ts';
import type { SentimentModel } from '../types.ts';
import type { SentimentAdapter } from './adapter.ts';
import { adaptedModel } from './adapted-model.ts';
import { fitAdapter, type AdapterOptions, type CorrectionExample } from './fit.ts';

/**
 * The adapters of a workspace's brands, rebuilt from the stored corrections: `load` fits one per
 * brand that has corrections; `modelFor(brand)` is the model the enricher uses for that brand
 * (the base model until the brand has enough corrections). After a correction, `refresh(brand)`
 * refits that brand; `sync()` refits the brands corrected since the last look, which is how a
 * process other than the one that took the correction (cluster mode) catches up.
 *
 * A brand is fitted on its corrections in force (the latest per mention), with the mentions'
 * current text; corrections of mentions since purged or deleted have no text and are left out.
 */
export type BrandAdapterOptions = Omit<AdapterOptions, 'brandId'>;

const PAGE = 1000;
/** How far back `sync` looks before the newest correction it has seen (clocks of several processes differ a little). */
const SYNC_MARGIN_MS = 10 * 60_000;

export class BrandAdapters {
  private readonly store: Store;
  private readonly ws: WorkspaceId;
  private readonly base: SentimentModel;
  private readonly options: BrandAdapterOptions;
  private readonly adapters = new Map<string, { adapter: SentimentAdapter; model: SentimentModel }>();
  private readonly seen = new Set<string>();
  private newest = Number.NEGATIVE_INFINITY;

  private constructor(store: Store, ws: WorkspaceId, base: SentimentModel, options: BrandAdapterOptions) {
    this.store = store;
    this.ws = ws;
    this.base = base;
    this.options = options;
  }

  /** Reads every correction in force of the workspace and fits each corrected brand's adapter. */
  static async load(store: Store, ws: WorkspaceId, base: SentimentModel, options: BrandAdapterOptions = {}): Promise<BrandAdapters> {
    const adapters = new BrandAdapters(store, ws, base, options);
    const byBrand = new Map<string, SentimentCorrection[]>();
    for await (const c of adapters.corrections({})) {
      const list = byBrand.get(c.brandId);
      if (list === undefined) byBrand.set(c.brandId, [c]);
      else list.push(c);
    }
    for (const [brand, list] of byBrand) adapters.fit(brand, list);
    return adapters;
  }

  /** The model for a brand's mentions: adapted when the brand has enough corrections, else the base model. */
  modelFor(brandId: string): SentimentModel {
    return this.adapters.get(brandId)?.model ?? this.base;
  }

  /** The brand's adapter (active or not), or null when it has no usable correction. */
  adapterFor(brandId: string): SentimentAdapter | null {
    return this.adapters.get(brandId)?.adapter ?? null;
  }

  /** The brands that have an adapter, sorted. */
  brands(): string[] {
    return [...this.adapters.keys()].sort();
  }

  /** Refits one brand from its stored corrections in force (call it after a correction). */
  async refresh(brandId: string): Promise<SentimentAdapter | null> {
    const list: SentimentCorrection[] = [];
    for await (const c of this.corrections({ brandId })) list.push(c);
    return this.fit(brandId, list);
  }

  /** Refits the brands corrected since the last load, refresh or sync; returns their ids. */
  async sync(): Promise<string[]> {
    const since = Number.isFinite(this.newest) ? this.newest - SYNC_MARGIN_MS : undefined;
    const changed = new Set<string>();
    for await (const c of this.corrections(since === undefined ? { all: true } : { since, all: true })) {
      if (!this.seen.has(c.id)) changed.add(c.brandId);
    }
    for (const brand of changed) await this.refresh(brand);
    return [...changed].sort();
  }

  /** Pages through the stored corrections (in force only, unless `all`), remembering what was seen. */
  private async *corrections(q: { brandId?: string; since?: number; all?: boolean }): AsyncGenerator<SentimentCorrection> {
    let cursor: string | undefined;
    do {
      const page = await this.store.listSentimentCorrections(this.ws, {
        limit: PAGE,
        currentOnly: q.all !== true,
        ...(q.brandId === undefined ? {} : { brandId: q.brandId }),
        ...(q.since === undefined ? {} : { since: q.since }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const c of page.items) {
        yield c;
        this.seen.add(c.id);
        if (c.createdAt > this.newest) this.newest = c.createdAt;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }

  private fit(brandId: string, corrections: readonly SentimentCorrection[]): SentimentAdapter | null {
    const examples: CorrectionExample[] = [];
    // Oldest first: the order of the corrections does not change the fit (seeded shuffle), but keeps it reproducible.
    for (const c of [...corrections].reverse()) {
      if (c.mentionText === null || c.mentionText.trim().length === 0) continue;
      examples.push({ text: c.mentionText, lang: c.mentionLang, label: c.label });
    }
    if (examples.length === 0) {
      this.adapters.delete(brandId);
      return null;
    }
    const adapter = fitAdapter(examples, this.base, { ...this.options, brandId });
    this.adapters.set(brandId, { adapter, model: adaptedModel(this.base, adapter) });
    return adapter;
  }
}
