/**
 * Fuzz run of the Reddit connector: `count` corrupted listing answers (each built with corrupt()
 * from a fresh valid listing of one post and one comment) served one per poll by the local test
 * server to the REAL connector (token, HTTP, parsing, cursor), with a valid listing holding a
 * sentinel post after every tenth corrupted one and at the end. A payload counts as rejected when
 * it produced a reject, as accepted otherwise (mentions, or nothing new: a known or empty listing).
 * The stream went on when every sentinel came out as a mention.
 *
 *   node src/listen/reddit/reddit.fuzz.ts [count] [seed]
 */
import { corrupt, seededRandom, type FuzzReport } from '../live/corrupt.ts';
import type { LiveClock } from '../live/live-source.ts';
import { RedditSourceConfigSchema } from './config.ts';
import { createRedditSource } from './reddit-source.ts';
import { startRedditTestServer, TEST_CREDENTIALS } from './test-server.ts';
import { comment, listing, post, T0 } from './test-things.ts';

const SENTINEL_EVERY = 10;

interface Payload {
  body: string;
  corrupted: boolean;
  sentinel: string | null;
}

function plan(count: number, seed: number): Payload[] {
  const rnd = seededRandom(seed);
  const payloads: Payload[] = [];
  for (let i = 0; i < count; i++) {
    const at = T0 + payloads.length;
    const valid = JSON.stringify(
      listing([
        post({ id: `p${i.toString(36)}`, created: at, selftext: `Fork creak report ${i}: Corvane batch CF-0917.` }),
        comment({ id: `c${i.toString(36)}`, created: at + 0.25, linkId: `p${i.toString(36)}` }),
      ]),
    );
    payloads.push({ body: corrupt(valid, rnd), corrupted: true, sentinel: null });
    if ((i + 1) % SENTINEL_EVERY === 0 || i === count - 1) {
      const id = `s${i.toString(36)}`;
      payloads.push({ body: JSON.stringify(listing([post({ id, created: T0 + payloads.length })])), corrupted: false, sentinel: `reddit:t3_${id}` });
    }
  }
  return payloads;
}

export async function fuzz(o: { count: number; seed: number }): Promise<FuzzReport> {
  const payloads = plan(o.count, o.seed);
  const server = await startRedditTestServer();
  server.record = false;
  const started = performance.now();
  let served = -1;
  const ac = new AbortController();
  server.listingHook = () => {
    if (served + 1 >= payloads.length) {
      ac.abort();
      return { body: JSON.stringify(listing([])) };
    }
    served++;
    return { body: payloads[served]!.body };
  };
  // "Now" follows the payloads (a minute after the one being read); sleeps end at once.
  const clock: LiveClock = { now: () => (T0 + Math.max(0, served) + 60) * 1000, sleep: async () => undefined };
  const config = RedditSourceConfigSchema.parse({
    ...TEST_CREDENTIALS,
    tokenUrl: server.tokenUrl,
    apiBaseUrl: server.url,
    searchBrands: false,
    subreddits: ['CorvaneOwners'],
    backfillHours: 720,
  });
  const outcome: ('accepted' | 'rejected')[] = payloads.map(() => 'accepted');
  const sentinels = new Set(payloads.flatMap((p) => (p.sentinel === null ? [] : [p.sentinel])));
  // A few reasons about whole answers, a few about single things.
  const reasons = new Set<string>();
  const thingReasons = new Set<string>();
  let unexplained = 0;
  let crashes = 0;
  let checkpoint: string | null = null;
  try {
    while (!ac.signal.aborted) {
      const source = createRedditSource(config, { id: 'reddit-fuzz', clock, brands: () => [] });
      try {
        for await (const item of source.read({ from: checkpoint, signal: ac.signal })) {
          checkpoint = item.checkpoint;
          if (item.kind === 'reject') {
            if (served >= 0) outcome[served] = 'rejected';
            if (item.reject.reason.trim() === '') unexplained++;
            else {
              const reason = item.reject.reason.replace(/\d+/g, 'N').slice(0, 160);
              const bucket = /field|thing|timestamp|text is/.test(reason) ? thingReasons : reasons;
              if (bucket.size < 6) bucket.add(reason);
            }
          } else if (item.kind === 'mention') sentinels.delete(item.mention.id);
        }
      } catch {
        crashes++;
      }
    }
  } finally {
    await server.close();
  }
  const corrupted = payloads.flatMap((p, i) => (p.corrupted ? [outcome[i]] : []));
  const rejected = corrupted.filter((x) => x === 'rejected').length;
  return {
    connector: 'reddit',
    payloads: corrupted.length,
    accepted: corrupted.length - rejected,
    rejected,
    unexplained,
    crashes,
    streamWentOn: sentinels.size === 0,
    sampleReasons: [...reasons, ...thingReasons],
    ms: Math.round(performance.now() - started),
  };
}

if (import.meta.main) {
  const count = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  console.log(JSON.stringify(await fuzz({ count, seed }), null, 2));
}
