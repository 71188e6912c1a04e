/**
 * Keeps X's filtered-stream rules equal to the brands' queries: GET the rules, diff, validate the
 * additions with `dry_run` first (a rule X refuses is reported and skipped, the others go in),
 * delete the stale rules, add the new ones. Problems that need a person (a query that cannot be a
 * rule, the rule limits, a rule X refuses) are reported once each through the status tracker.
 */
import type { Brand } from '../../domain/brand.ts';
import type { LiveClock } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import { arr, isObject, str } from '../import/json-access.ts';
import { desiredRules, diffRules, type XRule, type XRuleOnServer } from './rules.ts';
import type { XApi, XResult } from './x-api.ts';

export const RULES_PATH = '/2/tweets/search/stream/rules';

export interface RulesSyncOptions {
  maxRules: number;
  maxRuleLength: number;
  rulesSyncSeconds: number;
}

/** The rules of a GET answer, or why the answer is not one. */
export function readRules(value: unknown): { ok: true; rules: XRuleOnServer[] } | { ok: false; message: string } {
  if (!isObject(value)) return { ok: false, message: 'the rules answer is not a JSON object' };
  const data = value.data;
  if (data === undefined) return { ok: true, rules: [] };
  if (!Array.isArray(data)) return { ok: false, message: 'the rules answer has a "data" that is not a list' };
  const rules: XRuleOnServer[] = [];
  for (const r of data) {
    const id = str(r, 'id');
    const v = str(r, 'value');
    if (id === undefined || v === undefined) return { ok: false, message: 'a rule in the answer has no string "id" or "value"' };
    rules.push({ id, value: v, tag: str(r, 'tag') ?? '' });
  }
  return { ok: true, rules };
}

/** Per-rule errors of an add answer: the rule value and X's reason. */
function ruleErrors(value: unknown): Array<{ value: string | undefined; title: string; reason: string }> {
  const out: Array<{ value: string | undefined; title: string; reason: string }> = [];
  for (const e of arr(value, 'errors') ?? []) {
    const details = arr(e, 'details')?.filter((d): d is string => typeof d === 'string') ?? [];
    const title = str(e, 'title') ?? 'error';
    const reason = [title, str(e, 'detail'), ...details].filter((p) => p !== undefined && p !== '').join(': ');
    out.push({ value: str(e, 'value'), title, reason });
  }
  return out;
}

export class StreamRules {
  readonly #api: XApi;
  readonly #o: RulesSyncOptions;
  readonly #brands: () => readonly Brand[];
  readonly #tracker: StatusTracker;
  readonly #clock: LiveClock;
  /** Rule values X refused (dry run), with its reason: not sent again. */
  readonly #refused = new Map<string, string>();
  /** Problems already reported: each is reported once, again only after it went away. */
  #reported = new Set<string>();
  #active: XRule[] | null = null;
  #lastSync: number | null = null;
  /** After a failed sync, no new try before this time (the stream loop would otherwise retry at every chunk). */
  #retryAt: number | null = null;
  #stale = true;

  constructor(api: XApi, options: RulesSyncOptions, brands: () => readonly Brand[], tracker: StatusTracker, clock: LiveClock) {
    this.#api = api;
    this.#o = options;
    this.#brands = brands;
    this.#tracker = tracker;
    this.#clock = clock;
  }

  /** True when the rules should be synced now: never synced, stale, or the interval passed. */
  due(): boolean {
    const now = this.#clock.now();
    if (this.#retryAt !== null && now < this.#retryAt) return false;
    return this.#stale || this.#lastSync === null || now - this.#lastSync >= this.#o.rulesSyncSeconds * 1000;
  }

  /** Sync at the next occasion (X said it has no rules, for instance). */
  markStale(): void {
    this.#stale = true;
    this.#retryAt = null;
  }

  /** The rules in effect on X after the last sync; before any sync, the rules the brands want. */
  active(): XRule[] {
    if (this.#active !== null) return this.#active;
    return this.#wanted().rules;
  }

  #wanted(): { rules: XRule[]; problems: string[] } {
    const d = desiredRules(this.#brands(), this.#o);
    const rules: XRule[] = [];
    for (const r of d.rules) {
      const why = this.#refused.get(r.value);
      if (why === undefined) rules.push(r);
      else d.problems.push(`X refused the stream rule of brand "${r.tag}" ${JSON.stringify(r.value)}: ${why}`);
    }
    return { rules, problems: d.problems };
  }

  #report(problems: readonly string[]): void {
    const now = new Set(problems);
    for (const p of now) if (!this.#reported.has(p)) this.#tracker.error('rule', p);
    this.#reported = now;
  }

  /** Brings X's rules in line with the brands; the number of rules in effect. */
  async sync(signal: AbortSignal): Promise<XResult<{ rules: number }>> {
    const r = await this.#sync(signal);
    this.#retryAt = r.ok ? null : this.#clock.now() + this.#o.rulesSyncSeconds * 1000;
    return r;
  }

  async #sync(signal: AbortSignal): Promise<XResult<{ rules: number }>> {
    const wanted = this.#wanted();
    const got = await this.#api.json('rules', 'GET', RULES_PATH, {}, undefined, signal);
    if (!got.ok) return got;
    const existing = readRules(got.value);
    if (!existing.ok) return { ok: false, failure: { kind: 'parse', message: `GET ${RULES_PATH}: ${existing.message}` } };
    const { remove, add } = diffRules(existing.rules, wanted.rules);
    let toAdd = add;
    const problems = [...wanted.problems];
    if (toAdd.length > 0) {
      const dry = await this.#api.json('rules', 'POST', RULES_PATH, { dry_run: 'true' }, { add: toAdd }, signal);
      if (!dry.ok) return dry;
      const refused = new Set<string>();
      for (const e of ruleErrors(dry.value)) {
        if (e.value === undefined || e.title === 'DuplicateRule') continue;
        this.#refused.set(e.value, e.reason);
        refused.add(e.value);
        const tag = toAdd.find((r) => r.value === e.value)?.tag ?? '?';
        problems.push(`X refused the stream rule of brand "${tag}" ${JSON.stringify(e.value)}: ${e.reason}`);
      }
      toAdd = toAdd.filter((r) => !refused.has(r.value));
    }
    if (remove.length > 0) {
      const del = await this.#api.json('rules', 'POST', RULES_PATH, {}, { delete: { ids: remove.map((r) => r.id) } }, signal);
      if (!del.ok) return del;
    }
    const added: XRule[] = [];
    if (toAdd.length > 0) {
      const res = await this.#api.json('rules', 'POST', RULES_PATH, {}, { add: toAdd }, signal);
      if (!res.ok) return res;
      const failed = new Set<string>();
      for (const e of ruleErrors(res.value)) {
        if (e.title === 'DuplicateRule') continue;
        if (e.value !== undefined) failed.add(e.value);
        problems.push(`X did not add ${e.value === undefined ? 'the stream rules' : `the stream rule ${JSON.stringify(e.value)}`}: ${e.reason}`);
      }
      for (const r of toAdd) if (!failed.has(r.value)) added.push(r);
    }
    const removed = new Set(remove.map((r) => r.id));
    this.#active = [...existing.rules.filter((r) => !removed.has(r.id)).map(({ value, tag }) => ({ value, tag })), ...added];
    this.#report(problems);
    this.#lastSync = this.#clock.now();
    this.#stale = false;
    return { ok: true, value: { rules: this.#active.length } };
  }
}
