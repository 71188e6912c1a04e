/**
 * Fuzz run of the Mastodon connector (`npm run fuzz -- mastodon`): `count` corrupted payloads,
 * half as WebSocket frames and half as SSE events, sent by the local test server to the real
 * connector (two instances of one source). Each batch is followed by a valid status (a
 * sentinel), and the next batch waits for it: the stream must go on after every batch. Valid
 * statuses at the end check that too. A crash is read() throwing, an uncaught exception or an
 * unhandled rejection during the run; every reject must carry a reason.
 */
import { corrupt, seededRandom, type FuzzReport } from '../live/corrupt.ts';
import { systemLiveClock } from '../live/live-source.ts';
import type { SourceItem } from '../source.ts';
import { createMastodonSource } from './mastodon-source.ts';
import { fakeStatus, snowflake, startMastodonTestServer, T0, waitUntil } from './test-server.ts';

const BATCH = 250;
const FINAL_VALID = 10;
const BATCH_TIMEOUT_MS = 60_000;

/** A valid payload `i`: a WebSocket envelope or an SSE event (name and data), each with its own ids. */
function basePayload(i: number, rnd: () => number): { event: string; data: string } {
  const r = rnd();
  const at = T0 + i * 10;
  const status = fakeStatus({
    at,
    domain: 'fuzz.example',
    localId: snowflake(at, i % 65_536),
    text: i % 3 === 0 ? `Brumaire n°${i} : <a href="https://cidre.example/x">lien</a> &amp; <br>retour` : `Cidre Brumaire ${i} 🍏`,
    tags: ['Brumaire'],
    author: `auteur${i % 97}`,
    ...(i % 5 === 0 ? { origin: 'autre.example' } : {}),
    editedAt: r < 0.2 ? at + 5_000 : null,
  });
  if (r > 0.9) return { event: 'delete', data: snowflake(at, i % 65_536) };
  // Now and then, markup nested too deep to convert (a hostile server).
  if (i % 500 === 7) status.content = '<span>'.repeat(5_000);
  return { event: r < 0.2 ? 'status.update' : 'update', data: JSON.stringify(status) };
}

function frame(event: string, payload: unknown): string {
  return JSON.stringify({ stream: ['hashtag', 'Brumaire'], event, payload });
}

function sseEvent(event: string, data: string): string {
  return `event: ${event}\n${data.split(/\r\n|\r|\n/).map((l) => `data: ${l}`).join('\n')}\n\n`;
}

function sentinel(k: number): string {
  return JSON.stringify(fakeStatus({ at: T0 + 86_400_000 + k, domain: 'fuzz.example', author: 'sentinelle', localId: snowflake(T0 + 86_400_000 + k) }));
}

export async function fuzz(o: { count: number; seed: number }): Promise<FuzzReport> {
  const started = Date.now();
  const rnd = seededRandom(o.seed);
  const server = await startMastodonTestServer({ domain: 'fuzz.example' });
  let crashes = 0;
  const onCrash = (): void => void crashes++;
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const source = createMastodonSource(
    {
      instances: [
        { baseUrl: server.url, domain: 'ws.fuzz.example', token: server.token, transport: 'websocket', hashtags: ['Brumaire'], hashtagsFromBrands: false },
        { baseUrl: server.url, domain: 'sse.fuzz.example', token: server.token, transport: 'sse', hashtags: ['Brumaire'], hashtagsFromBrands: false },
      ],
    },
    // Receipt time fixed after the payloads' dates (real sleeps: reconnections, if any, wait for real).
    { id: 'mastodon-fuzz', brands: () => [], clock: { now: () => T0 + 2 * 86_400_000, sleep: systemLiveClock.sleep } },
  );
  const ac = new AbortController();
  let rejected = 0;
  let unexplained = 0;
  const reasons = new Set<string>();
  const sentinels = new Set<string>();
  const onItem = (item: SourceItem): void => {
    if (item.kind === 'reject') {
      rejected++;
      const reason = item.reject.reason.trim();
      if (reason === '') unexplained++;
      else if (reasons.size < 12) {
        // One sample per kind of reason (what comes before the first ":"), without JSON positions.
        const head = reason.split(':')[0] ?? reason;
        if (![...reasons].some((r) => r.startsWith(head))) reasons.add(reason.replace(/ (in JSON )?at position .*$/, '').slice(0, 100));
      }
    } else if (item.kind === 'mention' && item.mention.author.handle === 'sentinelle') sentinels.add(item.mention.id);
  };
  const reading = (async () => {
    try {
      for await (const item of source.read({ signal: ac.signal })) onItem(item);
    } catch {
      crashes++;
    }
  })();
  let streamWentOn = true;
  let sent = 0;
  let k = 0;
  try {
    await waitUntil(() => server.listeners === 2, 'the fuzz connections', 10_000);
    const half = Math.floor(o.count / 2);
    const sendBatch = async (n: number, viaWs: boolean): Promise<boolean> => {
      for (let j = 0; j < n; j++, sent++) {
        const base = basePayload(sent, rnd);
        if (viaWs) {
          // Half the frames have their envelope damaged, half the status inside a sound envelope.
          server.sendRawFrame(rnd() < 0.5 ? corrupt(frame(base.event, base.data), rnd) : frame(base.event, corrupt(base.data, rnd)));
        } else server.sendRawSse(sseEvent(base.event, corrupt(base.data, rnd)));
      }
      k++;
      const s = sentinel(k);
      if (viaWs) server.sendRawFrame(frame('update', s));
      else server.sendRawSse(sseEvent('update', s));
      const before = sentinels.size;
      try {
        await waitUntil(() => sentinels.size > before, `sentinel ${k}`, BATCH_TIMEOUT_MS);
        return true;
      } catch {
        return false;
      }
    };
    for (let done = 0; done < o.count && streamWentOn; ) {
      const viaWs = done < half;
      const n = Math.min(BATCH, (viaWs ? half : o.count) - done);
      streamWentOn = await sendBatch(n, viaWs);
      done += n;
    }
    if (streamWentOn) {
      const before = sentinels.size;
      for (let j = 0; j < FINAL_VALID; j++) {
        k++;
        if (j % 2 === 0) server.sendRawFrame(frame('update', sentinel(k)));
        else server.sendRawSse(sseEvent('update', sentinel(k)));
      }
      await waitUntil(() => sentinels.size === before + FINAL_VALID, 'the final valid statuses', BATCH_TIMEOUT_MS).catch(() => {
        streamWentOn = false;
      });
    }
  } catch {
    streamWentOn = false;
  } finally {
    ac.abort();
    await reading;
    await server.close();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  crashes += source.status().recentErrors.filter((e) => e.kind === 'internal').length;
  return {
    connector: 'mastodon',
    payloads: sent,
    accepted: sent - rejected,
    rejected,
    unexplained,
    crashes,
    streamWentOn,
    sampleReasons: [...reasons],
    ms: Date.now() - started,
  };
}
