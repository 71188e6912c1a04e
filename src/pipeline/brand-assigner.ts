import type { Brand } from '../domain/brand.ts';
import type { MentionDraft } from '../domain/mention.ts';
import { BrandMatcher, prepareDoc } from '../listen/query/index.ts';

/**
 * Decides the brands of a mention: the listening-query matcher's answer, plus the upstream rule
 * tags (X `matching_rules`) that are ids of known brands, plus the forced brand of an import
 * (`--brand`), without duplicates, in the order of the brands list.
 */
export class BrandAssigner {
  private matcher: BrandMatcher;
  private byId: Map<string, Brand>;
  private readonly forced: string | null;

  constructor(brands: readonly Brand[], forceBrandId: string | null) {
    this.forced = forceBrandId;
    this.byId = new Map(brands.map((b) => [b.id, b]));
    this.check();
    this.matcher = new BrandMatcher(brands);
  }

  /** Replaces the brands (a brand created, edited or deleted while ingesting). */
  setBrands(brands: readonly Brand[]): void {
    const matcher = new BrandMatcher(brands);
    const previous = this.byId;
    this.byId = new Map(brands.map((b) => [b.id, b]));
    try {
      this.check();
    } catch (e) {
      this.byId = previous;
      throw e;
    }
    this.matcher = matcher;
  }

  brand(id: string): Brand | undefined {
    return this.byId.get(id);
  }

  assign(draft: MentionDraft): string[] {
    const ids = this.matcher.match(
      prepareDoc({
        text: draft.text,
        lang: draft.lang,
        authorHandle: draft.author.handle,
        urls: draft.links,
      }),
    );
    for (const tag of draft.matchingRules) {
      if (this.byId.has(tag) && !ids.includes(tag)) ids.push(tag);
    }
    if (this.forced !== null && !ids.includes(this.forced)) ids.push(this.forced);
    return ids;
  }

  private check(): void {
    if (this.forced !== null && !this.byId.has(this.forced)) {
      const known = [...this.byId.keys()].join(', ') || 'none';
      throw new Error(`brand "${this.forced}" does not exist in this workspace (known brands: ${known}); create it first or pick another with --brand`);
    }
  }
}
