import type { Brand } from '../domain/brand.ts';
import type { Enrichment, Mention } from '../domain/mention.ts';

/** What an enricher sees: the mention (matched to its brands, language possibly unknown). */
export interface EnrichInput {
  mention: Mention;
  brands: readonly Brand[];
}

/**
 * Understands mentions: language, sentiment, categories, stakeholder, reach. The production one
 * is built by build-enricher.ts from the configuration (docs/understanding.md).
 * `enrich` is synchronous for throughput; it returns the language it detected (or the mention's
 * own) and the enrichment.
 */
export interface Enricher {
  readonly name: string;
  enrich(input: EnrichInput): { lang: string | null; enrichment: Enrichment };
  /**
   * Optional second pass over a whole batch, before it is stored: for models that answer only in
   * batches and asynchronously (the transformer sentiment backend). It may rewrite the mentions'
   * enrichment in place. A failure is logged by the caller and leaves the first pass's results.
   */
  refine?(mentions: Mention[]): Promise<void>;
  /** Releases what the enricher holds (a model session). */
  close?(): Promise<void>;
}
