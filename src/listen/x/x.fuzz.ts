/**
 * Fuzz run of the X connector: `count` corrupted filtered-stream messages (corrupt() applied to
 * this folder's own fixtures) go through the real connector reading the local test server's
 * stream, with a valid marker post every MARKER_EVERY payloads and one at the end. It checks that
 * nothing throws, that every reject has a reason, and that every marker still arrives (the
 * stream went on).
 */
import { corrupt, seededRandom, type FuzzReport } from '../live/corrupt.ts';
import type { SourceItem } from '../source.ts';
import { XTestServer, testClock, type StreamStep } from './test-server.ts';
import { longPost, ondineBrand, ondinePost, pressQuote, streamMessage, T0, USERS } from './x-fixtures.ts';
import { createXSource } from './x-source.ts';

const MARKER_EVERY = 50;
const MARKER_BASE = 1_000_000;

function corpus(): string[] {
  const first = ondinePost(1);
  const quote = pressQuote(2, first);
  const edit = ondinePost(3, { id: ondinePost(4).id, edit_history_tweet_ids: [first.id, ondinePost(4).id] });
  const retweet = ondinePost(5, {
    author_id: USERS.ondine.id,
    text: `RT @maelle_roule: ${first.text.slice(0, 60)}…`,
    referenced_tweets: [{ type: 'retweeted', id: first.id }],
  });
  return [
    streamMessage(first),
    streamMessage(quote.post, { users: quote.users, tweets: quote.tweets }),
    streamMessage(longPost(6)),
    streamMessage(edit),
    streamMessage(retweet, { users: [USERS.ondine, USERS.rider], tweets: [first] }),
    streamMessage(ondinePost(7, { lang: 'und', in_reply_to_user_id: USERS.ondine.id, referenced_tweets: [{ type: 'replied_to', id: first.id }] }), { tags: ['ondine', 'other'] }),
  ];
}

/** A marker post: a valid message with an id of its own (n-th marker). */
function marker(n: number): { id: string; message: string } {
  const post = ondinePost(MARKER_BASE + n);
  return { id: post.id, message: streamMessage(post) };
}

export async function fuzz(o: { count: number; seed: number }): Promise<FuzzReport> {
  const started = performance.now();
  const rnd = seededRandom(o.seed);
  const valid = corpus();
  const server = await XTestServer.start();
  const markers = new Set<string>();
  let markerCount = 0;
  function* steps(): Generator<StreamStep> {
    for (let i = 0; i < o.count; i++) {
      if (i % MARKER_EVERY === 0) {
        const m = marker(markerCount++);
        markers.add(m.id);
        yield { message: m.message };
      }
      yield { message: corrupt(valid[Math.floor(rnd() * valid.length)]!, rnd) };
    }
    const last = marker(markerCount++);
    markers.add(last.id);
    yield { message: last.message };
  }
  // One sequence shared by every connection: a reconnection goes on where the last one stopped.
  const gen = steps();
  const shared: Iterable<StreamStep> = { [Symbol.iterator]: () => ({ next: () => gen.next() }) };
  const report: FuzzReport = { connector: 'x', payloads: o.count, accepted: 0, rejected: 0, unexplained: 0, crashes: 0, streamWentOn: false, sampleReasons: [], ms: 0 };
  /** Distinct reject reasons (numbers masked) and how often each came. */
  const reasons = new Map<string, number>();
  const seenMarkers = new Set<string>();
  const ctrl = new AbortController();
  try {
    for (let i = 0; i < 20; i++) server.streamPlans.push({ status: 200, steps: shared });
    const source = createXSource(
      { bearerToken: server.token, apiBaseUrl: server.url, gapFillDelaySeconds: 0, gapPollSeconds: 0 },
      { id: 'x-fuzz', clock: testClock(T0 + 3_600_000 + MARKER_BASE * 1000), brands: () => [ondineBrand()] },
    );
    const expected = Math.ceil(o.count / MARKER_EVERY) + 1;
    let lastProgress = performance.now();
    // A lost marker would leave the read waiting: stop after 30 s without any item.
    const watchdog = setInterval(() => {
      if (performance.now() - lastProgress > 30_000) ctrl.abort();
    }, 1_000);
    const handle = (item: SourceItem): boolean => {
      lastProgress = performance.now();
      if (item.kind === 'reject') {
        report.rejected++;
        const reason = item.reject.reason.trim();
        if (reason === '') report.unexplained++;
        // The connector turns a parser exception into a reject: count it as the crash it is.
        else if (reason.includes('parser failure')) report.crashes++;
        const short = reason.replace(/ in JSON at position.*$/, '').replace(/\d+/g, 'N').slice(0, 90);
        if (reasons.size < 200 || reasons.has(short)) reasons.set(short, (reasons.get(short) ?? 0) + 1);
      } else if (item.kind === 'mention') {
        const id = item.mention.id.slice(2);
        if (markers.has(id)) seenMarkers.add(id);
      }
      return seenMarkers.size === expected;
    };
    try {
      for await (const item of source.read({ signal: ctrl.signal })) {
        if (handle(item)) break;
      }
    } catch (e) {
      report.crashes++;
      reasons.set(`thrown: ${e instanceof Error ? e.message : String(e)}`.slice(0, 90), 1);
    } finally {
      clearInterval(watchdog);
    }
    report.streamWentOn = seenMarkers.size === expected;
    report.accepted = Math.max(0, o.count - report.rejected);
    report.sampleReasons = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([r, n]) => `${r} (×${n})`);
  } finally {
    ctrl.abort();
    await server.close();
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}
