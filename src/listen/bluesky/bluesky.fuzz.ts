/**
 * The Bluesky source's fuzz run: `count` corrupted Jetstream frames (corrupt() of valid frames
 * of every kind) sent by the local Jetstream test server to the real source, in chunks of 500,
 * each chunk followed by a valid post that must arrive (the stream goes on), and valid frames at
 * the end. Every frame yields at most one item, so a chunk's rejects are counted between its
 * markers; the rest were accepted (a mention or delete, or ignored as not a candidate).
 */
import { corrupt, seededRandom, type FuzzReport } from '../live/corrupt.ts';
import { systemLiveClock, type LiveClock } from '../live/live-source.ts';
import type { SourceItem } from '../source.ts';
import { createBlueskySource } from './bluesky-source.ts';
import {
  accountFrame,
  deleteFrame,
  HEARTBEAT_FRAME,
  identityFrame,
  likeFrame,
  MAELYS_DID,
  ORVELLE_DID,
  ORVELLE_PROFILES,
  orvelleBrand,
  postFrame,
  PRESS_DID,
  repostFrame,
  rkey,
  STRANGER_DID,
  T0_US,
} from './test-frames.ts';
import { AppViewTestServer, JetstreamTestServer } from './test-server.ts';

const CHUNK = 500;
const MARKER_TIMEOUT_MS = 30_000;
/** Markers are posts n > MARKER_BASE, apart from the fixtures' (n ≤ 10). */
const MARKER_BASE = 1_000_000;

const VALID: readonly string[] = [
  postFrame({ n: 1, link: 'https://orvelle.example/rappel' }),
  postFrame({ n: 2, did: STRANGER_DID, text: 'Pareil pour moi', reply: { did: ORVELLE_DID, n: 900 } }),
  postFrame({ n: 3, did: PRESS_DID, text: 'Orvelle n’a pas encore réagi. Die Berichte häufen sich.', langs: ['fr', 'de'], quote: { did: MAELYS_DID, n: 1 } }),
  postFrame({ n: 4, did: STRANGER_DID, text: 'Belle rando ce matin, 18 km.' }),
  postFrame({ n: 1, operation: 'update', rev: '3morrevedit1', at: 5_000, text: 'Orvelle m’a répondu, merci.' }),
  deleteFrame({ n: 1, at: 6_000 }),
  repostFrame({ did: STRANGER_DID, n: 7, at: 7_000, subject: { did: MAELYS_DID, n: 1 } }),
  likeFrame({ did: STRANGER_DID, n: 8, at: 8_000, subject: { did: MAELYS_DID, n: 1 } }),
  identityFrame(STRANGER_DID, 'someone.example', 9_000),
  accountFrame(STRANGER_DID, 10_000),
  HEARTBEAT_FRAME,
];

/** The clock of the fuzz run: real time moved to the fixtures' day, so that their times are recent. */
function fixtureClock(): LiveClock {
  const shift = T0_US / 1000 + 3_600_000 - Date.now();
  return { now: () => Date.now() + shift, sleep: systemLiveClock.sleep };
}

export async function fuzz(o: { count: number; seed: number }): Promise<FuzzReport> {
  const started = performance.now();
  const rnd = seededRandom(o.seed);
  const jet = await JetstreamTestServer.start();
  const appView = await AppViewTestServer.start(ORVELLE_PROFILES);
  const report: FuzzReport = { connector: 'bluesky', payloads: 0, accepted: 0, rejected: 0, unexplained: 0, crashes: 0, streamWentOn: false, sampleReasons: [], ms: 0 };
  const reasons = new Set<string>();
  const onProcessError = (): void => void report.crashes++;
  process.on('uncaughtException', onProcessError);
  process.on('unhandledRejection', onProcessError);

  const source = createBlueskySource(
    { jetstreamUrl: jet.url, reposts: true, stallTimeoutMs: 120_000, maxQueuedFrames: 100_000, profiles: { appViewUrl: appView.url, timeoutMs: 5_000 } },
    { id: 'bluesky-fuzz', clock: fixtureClock(), brands: () => [orvelleBrand()] },
  );
  const abort = new AbortController();
  // Items since the last marker; the marker awaited and whether it came.
  let pending: SourceItem[] = [];
  let expected = '';
  let arrived = false;
  const waker: { wake: (() => void) | null } = { wake: null };
  const reading = (async () => {
    try {
      for await (const item of source.read({ signal: abort.signal })) {
        pending.push(item);
        if (item.kind === 'mention' && item.mention.id === expected) {
          arrived = true;
          waker.wake?.();
        }
      }
    } catch {
      report.crashes++;
    }
    waker.wake?.();
  })();

  let marker = 0;
  /** Emits a valid post and waits for it: true when it arrived. */
  const markerArrives = async (): Promise<boolean> => {
    marker++;
    const n = MARKER_BASE + marker;
    expected = `bluesky:at://${MAELYS_DID}/app.bsky.feed.post/${rkey(n)}`;
    arrived = false;
    jet.emit(postFrame({ n, at: 20_000 + marker * 1000, text: `Orvelle, point d’étape ${marker}` }));
    const deadline = Date.now() + MARKER_TIMEOUT_MS;
    while (!arrived && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 100);
        waker.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    return arrived;
  };
  const settle = (): void => {
    for (const item of pending) {
      if (item.kind !== 'reject') continue;
      if (item.reject.reason.startsWith('internal error')) report.crashes++;
      report.rejected++;
      if (item.reject.reason.trim() === '') report.unexplained++;
      else if (reasons.size < 12) reasons.add(item.reject.reason.replace(/ (at|after) (position|byte) \d+.*$/, '').slice(0, 120));
    }
    pending = [];
  };

  try {
    await jet.waitForConnection(1);
    let wentOn = await markerArrives();
    settle();
    while (wentOn && report.payloads < o.count) {
      const n = Math.min(CHUNK, o.count - report.payloads);
      for (let i = 0; i < n; i++) {
        const valid = VALID[Math.floor(rnd() * VALID.length)] as string;
        jet.sendRaw(corrupt(valid, rnd));
        // Valid frames interleaved now and then.
        if (rnd() < 0.02) jet.sendRaw(VALID[Math.floor(rnd() * VALID.length)] as string);
      }
      report.payloads += n;
      wentOn = await markerArrives();
      // The valid frames sent among them are accepted or ignored, never rejected: the count holds.
      settle();
    }
    if (wentOn) wentOn = (await markerArrives()) && (await markerArrives());
    settle();
    report.streamWentOn = wentOn && source.status().counts.reconnects === 0;
  } finally {
    abort.abort();
    await reading;
    await jet.close();
    await appView.close();
    process.off('uncaughtException', onProcessError);
    process.off('unhandledRejection', onProcessError);
  }
  report.accepted = report.payloads - report.rejected;
  report.sampleReasons = [...reasons];
  report.ms = Math.round(performance.now() - started);
  return report;
}

// `node src/listen/bluesky/bluesky.fuzz.ts [count] [seed]`
if (import.meta.main) {
  const count = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  console.log(JSON.stringify(await fuzz({ count, seed }), null, 2));
}
