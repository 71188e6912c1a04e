/**
 * The filtered-stream rules Vigie wants, from the brands' listening queries (one rule per enabled
 * query, or the brand's default query; tag = brand id), and the difference with the rules X has.
 * Pure: the HTTP side is rules-sync.ts.
 */
import type { Brand } from '../../domain/brand.ts';
import { defaultQueryText, QueryParseError, toXRule, XRuleError } from '../query/index.ts';

export interface XRule {
  value: string;
  /** The brand id. */
  tag: string;
}

export interface XRuleOnServer extends XRule {
  id: string;
}

export interface DesiredRules {
  rules: XRule[];
  /** One sentence each: which brand and query could not become a rule, and what to do. */
  problems: string[];
}

function compile(text: string, maxLength: number): { ok: true; rule: string } | { ok: false; message: string } {
  try {
    return { ok: true, rule: toXRule(text, { maxLength }) };
  } catch (e) {
    if (e instanceof XRuleError || e instanceof QueryParseError) return { ok: false, message: e.message };
    throw e;
  }
}

/**
 * Every brand's rules, in brand order. A query that cannot be compiled (NEAR, prefix wildcard,
 * only negations, over `maxRuleLength` characters…) is skipped and reported; so are the rules past
 * `maxRules`. Two brands wanting the same rule share it (X refuses duplicate rule values): it keeps
 * the first brand's tag, and the in-process matcher still assigns the post to both brands.
 */
export function desiredRules(brands: readonly Brand[], limits: { maxRules: number; maxRuleLength: number }): DesiredRules {
  const rules: XRule[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const brand of brands) {
    const queries: Array<{ id: string | null; text: string }> =
      brand.queries.length > 0 ? brand.queries.filter((q) => q.enabled).map((q) => ({ id: q.id, text: q.text })) : [];
    if (brand.queries.length === 0) {
      const text = defaultQueryText(brand);
      if (text === null) {
        problems.push(`brand "${brand.id}" has no listening query and no name, keyword or handle usable as an X rule: add a query`);
        continue;
      }
      queries.push({ id: null, text });
    }
    for (const q of queries) {
      const compiled = compile(q.text, limits.maxRuleLength);
      const where = q.id === null ? `brand "${brand.id}" (default query from its name, keywords and handles)` : `brand "${brand.id}", query "${q.id}"`;
      if (!compiled.ok) {
        problems.push(`${where} cannot be an X stream rule: ${compiled.message}`);
        continue;
      }
      if (seen.has(compiled.rule)) continue;
      seen.add(compiled.rule);
      rules.push({ value: compiled.rule, tag: brand.id });
    }
  }
  if (rules.length > limits.maxRules) {
    const dropped = rules.splice(limits.maxRules);
    const brandsCut = [...new Set(dropped.map((r) => r.tag))];
    problems.push(
      `the brands need ${(limits.maxRules + dropped.length).toLocaleString('en')} X stream rules but the access level allows ` +
        `${limits.maxRules.toLocaleString('en')}: ${dropped.length.toLocaleString('en')} rules of ${brandsCut.map((b) => `"${b}"`).join(', ')} ` +
        `were not added (merge queries with OR, or raise maxRules if your access level allows more)`,
    );
  }
  return { rules, problems };
}

const key = (r: XRule): string => `${r.tag}\u0000${r.value}`;

/** What to delete and add so that X has exactly the wanted rules (any other rule is deleted). */
export function diffRules(existing: readonly XRuleOnServer[], wanted: readonly XRule[]): { remove: XRuleOnServer[]; add: XRule[] } {
  const want = new Set(wanted.map(key));
  const have = new Set<string>();
  const remove: XRuleOnServer[] = [];
  for (const r of existing) {
    const k = key(r);
    if (want.has(k) && !have.has(k)) have.add(k);
    else remove.push(r);
  }
  return { remove, add: wanted.filter((r) => !have.has(key(r))) };
}
