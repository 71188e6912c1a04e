/**
 * Fuzz of the RSS/Atom connector: `count` corrupted feed documents (RSS 2.0, Atom and Google
 * Alerts ones of our own, damaged by corrupt()) served one per poll by a local HTTP server to the
 * REAL source, with a valid document every tenth poll and three at the end, each with an entry
 * that must arrive (the stream went on). A payload is accepted when it still made mentions or
 * nothing at all, rejected when it made a reject item or a recorded error (the same broken body
 * twice in a row is rejected once, then only recorded as an error), a crash when read() threw or
 * the source reported an internal error.
 *
 * Run: node src/listen/rss/rss.fuzz.ts [count] [seed]
 */
import { corrupt, seededRandom, type FuzzReport } from '../live/corrupt.ts';
import type { SourceItem } from '../source.ts';
import { createRssSource } from './rss-source.ts';
import { TestClock } from './rss-test-harness.ts';
import { atomFeed, FeedTestServer, googleAlertsFeed, rssFeed, type TestItem } from './test-server.ts';

const VALID_EVERY = 10;
const FINAL_VALID = 3;

function entries(tag: string, n: number): (TestItem & { link: string })[] {
  return [0, 1].map((i) => ({
    id: `${tag}-${n}-${i}`,
    title: `Tidewell Water batch TW-04${n % 100} report ${i}`,
    link: `https://gazette.test/tidewell/${tag}-${n}-${i}?ref=feed&amp=1`,
    date: new Date(Date.UTC(2026, 3, 19, 9, i, n % 60)).toISOString(),
    summary: `<p>Shoppers say bottles from batch <b>TW-0419</b> look cloudy &amp; taste odd (${n}).</p>`,
    author: i === 0 ? 'Morgan Quill' : undefined,
  }));
}

const N = '\u0000N\u0000';
/** The three kinds of document with a placeholder for the payload number (filled in by `document`). */
const TEMPLATES = [rssFeed(entries('T', 0)), atomFeed(entries('T', 0)), googleAlertsFeed(entries('T', 0))].map((t) =>
  t.replaceAll('T-0-', `T-${N}-`).replaceAll('(0)', `(${N})`),
);

/** Valid document number n (its kind cycles), with entries whose ids carry `tag` and n. */
function document(tag: string, n: number): string {
  return TEMPLATES[n % 3]!.replaceAll(`T-${N}-`, `${tag}-${n}-`).replaceAll(N, String(n));
}

/** A reason without its numbers, quoted values and details after the first colon of the cause: one line per kind. */
const normalise = (reason: string): string =>
  reason
    .replace(/^feed "[^"]*"( \([^)]*\))?: /, '')
    .replace(/\d+/g, 'N')
    .replace(/"[^"]*"|'[^']*'/g, '…')
    .slice(0, 120);

/** Counts distinct reasons (normalised), without normalising the same text twice. */
class Reasons {
  readonly #raw = new Map<string, string>();
  readonly #counts = new Map<string, number>();
  add(reason: string): void {
    let n = this.#raw.get(reason);
    if (n === undefined) {
      n = normalise(reason);
      if (this.#raw.size < 10_000) this.#raw.set(reason, n);
    }
    this.#counts.set(n, (this.#counts.get(n) ?? 0) + 1);
  }
  /** The k most frequent, one per family (same first words) first, so that rarer kinds show too. */
  top(k: number): string[] {
    const sorted = [...this.#counts.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
    const families = new Set<string>();
    const firsts = sorted.filter((r) => {
      const f = r.slice(0, 25);
      if (families.has(f)) return false;
      families.add(f);
      return true;
    });
    return [...new Set([...firsts, ...sorted])].slice(0, k);
  }
}

export async function fuzz(o: { count: number; seed: number }): Promise<FuzzReport> {
  const started = performance.now();
  const rnd = seededRandom(o.seed);
  const server = await FeedTestServer.start();
  server.record = false;
  // The plan: payload k is corrupted, except every tenth one and the last three (valid).
  const plan: { valid: boolean }[] = [];
  for (let corrupted = 0; corrupted < o.count; ) {
    const valid = plan.length % VALID_EVERY === VALID_EVERY - 1;
    plan.push({ valid });
    if (!valid) corrupted++;
  }
  for (let i = 0; i < FINAL_VALID; i++) plan.push({ valid: true });
  const outcome = plan.map(() => ({ mentions: 0, rejects: 0, unexplained: 0, errors: 0, internal: 0 }));
  const validIds = plan.map((p, k) => (p.valid ? `valid-${k}-0` : null));
  let served = -1;
  server.onRequest = () => {
    served++;
    const p = plan[served];
    if (p === undefined) return server.queue('/fuzz', { status: 404 });
    const body = p.valid ? document('valid', served) : corrupt(document('c', served), rnd);
    server.queue('/fuzz', { body, headers: { 'content-type': 'application/xml' } });
  };
  const clock = new TestClock();
  const source = createRssSource(
    { feeds: [{ url: server.url('/fuzz'), name: 'fuzz' }], intervalSeconds: 1, jitter: 0, retryBaseSeconds: 1, retryMaxSeconds: 1, maxAgeDays: 0, maxSeenPerFeed: 50 },
    { id: 'rss-fuzz', clock, brands: () => [] },
  );
  const seenValid = new Set<string>();
  const reasons = new Reasons();
  let crashes = 0;
  let from: string | null = null;
  let errorsBefore = 0;
  const ctl = new AbortController();
  // Errors are attributed to the payload being served when they are recorded (checked at each sleep).
  const account = (): void => {
    const st = source.status();
    const fresh = st.errors - errorsBefore;
    errorsBefore = st.errors;
    const k = served;
    if (fresh <= 0 || k < 0 || k >= plan.length) return;
    const o = outcome[k]!;
    for (const e of st.recentErrors.slice(0, Math.min(fresh, st.recentErrors.length))) {
      if (e.kind === 'internal') o.internal++;
      else o.errors++;
      // A parse error repeats the reject's reason; the others (HTTP, size…) are sampled.
      if (e.kind !== 'parse') reasons.add(e.message);
    }
  };
  clock.onSleep = () => {
    account();
    if (served >= plan.length - 1) ctl.abort();
  };
  const onItem = (item: SourceItem): void => {
    const o = outcome[served];
    if (o === undefined) return;
    if (item.kind === 'mention') {
      o.mentions++;
      // The entry id is what follows the feed scope ("…/fuzz#<id>") or the Google Alerts tag ("…feed:<id>").
      const id = item.mention.id;
      seenValid.add(id.slice(Math.max(id.lastIndexOf('#'), id.lastIndexOf(':')) + 1));
    } else if (item.kind === 'reject') {
      if (item.reject.reason.trim() === '') o.unexplained++;
      else {
        o.rejects++;
        reasons.add(item.reject.reason);
      }
    }
  };
  try {
    while (!ctl.signal.aborted && crashes < 100) {
      try {
        for await (const item of source.read({ from, signal: ctl.signal })) {
          onItem(item);
          from = item.checkpoint;
        }
      } catch {
        crashes++;
      }
    }
    account();
  } finally {
    await server.close();
  }
  let accepted = 0;
  let rejected = 0;
  let unexplained = 0;
  plan.forEach((p, k) => {
    if (p.valid) return;
    const x = outcome[k]!;
    crashes += x.internal;
    unexplained += x.unexplained;
    if (x.rejects > 0 || x.errors > 0) rejected++;
    else if (x.unexplained === 0 && x.internal === 0) accepted++;
  });
  const wanted = validIds.filter((id): id is string => id !== null);
  const streamWentOn = wanted.every((id) => seenValid.has(id));
  return {
    connector: 'rss',
    payloads: o.count,
    accepted,
    rejected,
    unexplained,
    crashes,
    streamWentOn,
    sampleReasons: reasons.top(8),
    ms: Math.round(performance.now() - started),
  };
}

if (import.meta.main) {
  const count = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  console.log(JSON.stringify(await fuzz({ count, seed }), null, 2));
}
