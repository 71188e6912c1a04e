import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Brand } from '../../domain/brand.ts';
import type { MentionDraft } from '../../domain/mention.ts';
import type { SourceItem } from '../source.ts';
import type { BlueskySourceConfigInput } from './bluesky-config.ts';
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
  profile,
  repostFrame,
  rkey,
  STRANGER_DID,
  T0_US,
} from './test-frames.ts';
import { AppViewTestServer, JetstreamTestServer, Reader, StepClock } from './test-server.ts';

const POST = 'app.bsky.feed.post';
const uri = (did: string, n: number): string => `bluesky:at://${did}/${POST}/${rkey(n)}`;
const mentions = (items: readonly SourceItem[]): MentionDraft[] => items.flatMap((i) => (i.kind === 'mention' ? [i.mention] : []));
const ids = (items: readonly SourceItem[]): string[] => items.map((i) => (i.kind === 'mention' ? i.mention.id : i.kind === 'delete' ? `delete ${i.id}` : `reject ${i.reject.reason}`));

let appView: AppViewTestServer;
before(async () => {
  appView = await AppViewTestServer.start(ORVELLE_PROFILES);
});
after(async () => {
  await appView.close();
});

interface Setup {
  jet: JetstreamTestServer;
  clock: StepClock;
  source: ReturnType<typeof createBlueskySource>;
  read(from?: string | null): Reader<SourceItem>;
  close(): Promise<void>;
}

async function setup(config: Partial<BlueskySourceConfigInput> = {}, brands: Brand[] = [orvelleBrand()], jetstream?: JetstreamTestServer): Promise<Setup> {
  const jet = jetstream ?? (await JetstreamTestServer.start());
  const clock = new StepClock(T0_US / 1000 + 60_000);
  const source = createBlueskySource(
    { jetstreamUrl: jet.url, ...config, profiles: { appViewUrl: appView.url, ...config.profiles } },
    { id: 'bsky-test', clock, brands: () => brands, random: () => 0.5 },
  );
  const readers: Reader<SourceItem>[] = [];
  return {
    jet,
    clock,
    source,
    read(from = null) {
      const r = new Reader<SourceItem>((signal) => source.read({ from, signal }));
      readers.push(r);
      return r;
    },
    async close() {
      for (const r of readers) await r.stop();
      await jet.close();
    },
  };
}

test('yields the posts about the brand only, with their authors’ profiles, deletes and reposts', async () => {
  const s = await setup({ reposts: true });
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    assert.deepEqual(s.jet.connections[0], { path: '/subscribe', cursor: null, wanted: [POST, 'app.bsky.feed.repost'] });
    s.jet.emit(
      postFrame({ n: 1 }), // names the brand
      postFrame({ n: 2, did: STRANGER_DID, text: 'Belle rando ce matin, 18 km sans croiser personne.' }),
      postFrame({ n: 3, did: STRANGER_DID, text: 'Pareil pour moi', reply: { did: ORVELLE_DID, n: 900 } }), // a reply to the brand
      postFrame({ n: 4, did: PRESS_DID, text: 'Nous avons contacté @orvelle.bsky.social au sujet des fuites.', langs: ['fr'] }),
      postFrame({ n: 5, did: STRANGER_DID, text: 'Vu ce matin', quote: { did: ORVELLE_DID, n: 901 } }), // a quote of the brand
      postFrame({ n: 6, did: ORVELLE_DID, text: 'Un mot sur le lot OV-2207 : nous vous répondons en message privé.' }), // the brand itself
      likeFrame({ did: STRANGER_DID, n: 7, at: 7_000, subject: { did: MAELYS_DID, n: 1 } }),
      identityFrame(STRANGER_DID, 'someone.example', 8_000),
      accountFrame(STRANGER_DID, 8_500),
      HEARTBEAT_FRAME,
      repostFrame({ did: STRANGER_DID, n: 9, at: 9_000, subject: { did: MAELYS_DID, n: 1 } }),
      repostFrame({ did: STRANGER_DID, n: 10, at: 10_000, subject: { did: STRANGER_DID, n: 2 } }), // of a post we did not yield
      deleteFrame({ n: 1, at: 11_000 }),
      deleteFrame({ did: STRANGER_DID, n: 2, at: 12_000 }), // deletes: all
      deleteFrame({ did: STRANGER_DID, n: 9, at: 13_000, collection: 'app.bsky.feed.repost' }),
      deleteFrame({ did: STRANGER_DID, n: 10, at: 14_000, collection: 'app.bsky.feed.repost' }), // not a repost we yielded
    );
    await r.until((items) => items.length >= 9, '9 items');
    const repostId = `bluesky:at://${STRANGER_DID}/app.bsky.feed.repost/${rkey(9)}`;
    assert.deepEqual(ids(r.items), [
      uri(MAELYS_DID, 1),
      uri(STRANGER_DID, 3),
      uri(PRESS_DID, 4),
      uri(STRANGER_DID, 5),
      uri(ORVELLE_DID, 6),
      repostId,
      `delete ${uri(MAELYS_DID, 1)}`,
      `delete ${uri(STRANGER_DID, 2)}`,
      `delete ${repostId}`,
    ]);
    const [first, , press, , own, repost] = mentions(r.items);
    assert.equal(first?.url, `https://bsky.app/profile/maelys.bsky.social/post/${rkey(1)}`);
    assert.deepEqual(
      [first?.author.handle, first?.author.followers, first?.author.verified, first?.author.following, first?.author.posts],
      ['maelys.bsky.social', 640, false, 180, 2400],
    );
    assert.equal(first?.createdAt, (T0_US + 1000) / 1000, 'the time is Jetstream’s time_us');
    assert.deepEqual([press?.author.name, press?.author.followers], ['Outdoor Press', 48_200]);
    assert.deepEqual([own?.author.handle, own?.author.verified], ['orvelle.bsky.social', true]);
    // The stranger has no profile on the AppView: the mention goes on with the DID only.
    const reply = mentions(r.items)[1];
    assert.deepEqual([reply?.author.handle, reply?.author.followers, reply?.url], [null, null, `https://bsky.app/profile/${STRANGER_DID}/post/${rkey(3)}`]);
    assert.equal(repost?.relations.repostOf, uri(MAELYS_DID, 1));
    assert.equal(repost?.text, first?.text);
    assert.equal(repost?.url, first?.url);
    for (const call of appView.requests) assert.ok(call.length <= 25);
    const status = s.source.status();
    assert.equal(status.state, 'connected');
    assert.deepEqual(status.counts, { mentions: 6, deletes: 3, rejects: 0, reconnects: 0, gapFills: 0 });
    assert.ok(status.lastMessageAt !== null && status.lagMs !== null);
    const last = r.items.at(-1)!;
    assert.equal(JSON.parse(last.checkpoint).cursor, T0_US + 13_000, 'the cursor as of the last item');
  } finally {
    await s.close();
  }
});

test('getProfiles: 25 actors per call, cached; a failing, rate-limited or silent AppView never holds mentions back', async () => {
  const s = await setup({ profiles: { appViewUrl: appView.url, timeoutMs: 300, retryAfterMs: 60_000 } });
  const did = (i: number): string => `did:plc:hiker${String(i).padStart(20, '0')}`;
  for (let i = 0; i < 60; i++) appView.addProfile(profile(did(i), `hiker${i}.bsky.social`, i));
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    const before = appView.requests.length;
    s.jet.emit(...Array.from({ length: 60 }, (_, i) => postFrame({ n: 100 + i, did: did(i) })));
    await r.until((items) => items.length >= 60, '60 mentions');
    const calls = appView.requests.slice(before);
    assert.ok(calls.every((c) => c.length <= 25), `calls of ${calls.map((c) => c.length).join(', ')} actors`);
    assert.deepEqual(calls.flat().sort(), Array.from({ length: 60 }, (_, i) => did(i)).sort(), 'each author asked for once');
    assert.deepEqual(mentions(r.items).map((m) => m.author.followers), Array.from({ length: 60 }, (_, i) => i));

    // Cached: the same authors again cost no call.
    s.jet.emit(...Array.from({ length: 10 }, (_, i) => postFrame({ n: 200 + i, did: did(i) })));
    await r.until((items) => items.length >= 70, '70 mentions');
    assert.equal(appView.requests.length, before + calls.length);

    // A failing AppView: the mention goes on without followers, and the AppView is left alone for retryAfterMs.
    appView.mode = 'error';
    s.jet.emit(postFrame({ n: 300, did: 'did:plc:newcomer000000000000000a' }), postFrame({ n: 301, did: 'did:plc:newcomer000000000000000b' }));
    await r.until((items) => items.length >= 72, '72 mentions');
    assert.deepEqual(mentions(r.items).slice(70).map((m) => m.author.followers), [null, null]);
    assert.equal(appView.requests.length, before + calls.length + 1, 'one failed call, then none while paused');
    assert.equal(s.source.status().recentErrors[0]?.kind, 'http-5xx');

    // Once the pause is over: rate-limited (429 with its reset time), then silent (timeout).
    s.clock.t += 60_001;
    appView.mode = 'rate-limited';
    appView.rateLimitReset = Math.floor(s.clock.t / 1000) + 120;
    s.jet.emit(postFrame({ n: 302, did: 'did:plc:newcomer000000000000000c' }));
    await r.until((items) => items.length >= 73, '73 mentions');
    const limited = s.source.status();
    assert.equal(limited.recentErrors[0]?.kind, 'http-429');
    assert.deepEqual(limited.rateLimit, { limit: 3000, remaining: 0, resetAt: appView.rateLimitReset * 1000 });
    s.clock.t = appView.rateLimitReset * 1000 + 1;
    appView.mode = 'hang';
    const started = Date.now();
    s.jet.emit(postFrame({ n: 303, did: 'did:plc:newcomer000000000000000d' }));
    await r.until((items) => items.length >= 74, '74 mentions');
    assert.ok(Date.now() - started < 5_000);
    assert.equal(s.source.status().recentErrors[0]?.kind, 'profiles-timeout');
    assert.equal(mentions(r.items)[73]?.author.followers, null);
  } finally {
    appView.mode = 'ok';
    await s.close();
  }
});

test('reconnects after a drop in the middle of a frame, a clean drop and a stall: resumes from the cursor minus the margin, nothing lost or twice', async () => {
  const s = await setup({ stallTimeoutMs: 1000 }, [orvelleBrand()], await JetstreamTestServer.start({ heartbeatMs: 100 }));
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    s.jet.emit(postFrame({ n: 1 }), postFrame({ n: 2 }), postFrame({ n: 3 }));
    await r.until((items) => items.length >= 3, 'posts 1–3');
    // Post 4 happens, but the connection dies halfway through its frame.
    s.jet.record(postFrame({ n: 4 }));
    s.jet.dropMidFrame(postFrame({ n: 4 }));
    await s.jet.waitForConnection(2);
    assert.equal(s.jet.connections[1]?.cursor, T0_US + 3_000 - 5_000_000, 'cursor = last time_us − 5 s');
    await r.until((items) => items.length >= 4, 'post 4, replayed');
    s.jet.emit(postFrame({ n: 5 }));
    await r.until((items) => items.length >= 5, 'post 5');
    s.jet.dropAll();
    await s.jet.waitForConnection(3);
    s.jet.emit(postFrame({ n: 6 }));
    await r.until((items) => items.length >= 6, 'post 6');
    // A stall: the socket stays open and nothing comes; after 1 s of silence the source reconnects.
    s.jet.stallAll();
    s.jet.record(postFrame({ n: 7 }));
    await s.jet.waitForConnection(4);
    await r.until((items) => items.length >= 7, 'post 7, replayed after the stall');
    s.jet.emit(postFrame({ n: 8 }));
    await r.until((items) => items.length >= 8, 'post 8');
    assert.deepEqual(ids(r.items), [1, 2, 3, 4, 5, 6, 7, 8].map((n) => uri(MAELYS_DID, n)));
    const status = s.source.status();
    assert.deepEqual([status.counts.reconnects, status.counts.gapFills], [3, 3]);
    assert.deepEqual(status.recentErrors.map((e) => e.kind), ['stall', 'tcp', 'tcp']);
    // A connection that delivered frames resets the back-off: each reconnection waited 0.75 s (1 s with jitter 0.5).
    assert.deepEqual(s.clock.sleeps, [750, 750, 750]);
    assert.equal(s.jet.connections[3]?.cursor, T0_US + 6_000 - 5_000_000);
  } finally {
    await s.close();
  }
});

test('when Jetstream is down the back-off is exponential with equal jitter and capped', async () => {
  const jet = await JetstreamTestServer.start();
  const url = jet.url;
  await jet.close();
  const clock = new StepClock(T0_US / 1000);
  const source = createBlueskySource(
    { jetstreamUrl: url, profiles: { enabled: false } },
    { id: 'bsky-down', clock, brands: () => [orvelleBrand()], random: () => 0.5 },
  );
  const r = new Reader<SourceItem>((signal) => source.read({ signal }));
  try {
    const deadline = Date.now() + 10_000;
    while (clock.sleeps.length < 9 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // min(60 s, 1 s × 2ⁿ) × (½ + ½ × 0.5)
    assert.deepEqual(clock.sleeps.slice(0, 9), [750, 1500, 3000, 6000, 12_000, 24_000, 45_000, 45_000, 45_000]);
    const status = source.status();
    assert.ok(status.state === 'backing-off' || status.state === 'connecting');
    assert.equal(status.recentErrors[0]?.kind, 'tcp');
    assert.match(status.recentErrors[0]?.message ?? '', /could not connect to ws:\/\/127\.0\.0\.1:\d+\/subscribe.*jetstreamUrl/);
  } finally {
    await r.stop();
  }
  assert.equal(source.status().state, 'stopped');
  assert.equal(r.items.length, 0);
});

test('invalid JSON, binary and broken frames become rejects with a reason; the stream goes on', async () => {
  const s = await setup();
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    const noText = JSON.parse(postFrame({ n: 2 }));
    delete noText.commit.record.text;
    const future = JSON.parse(postFrame({ n: 3 }));
    future.time_us = 1e300;
    s.jet.sendRaw('{"did":"did:plc:x","time_us":');
    s.jet.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), true);
    s.jet.sendRaw(Buffer.from(postFrame({ n: 1 })), true); // binary but valid UTF-8: read as text
    s.jet.sendRaw('[1,2,3]');
    s.jet.sendRaw('{"time_us":1}');
    s.jet.sendRaw(JSON.stringify(noText));
    s.jet.sendRaw(JSON.stringify(future));
    s.jet.sendRaw('   ');
    s.jet.emit(postFrame({ n: 4 }));
    await r.until((items) => items.some((i) => i.kind === 'mention' && i.mention.id === uri(MAELYS_DID, 4)), 'post 4');
    const rejects = r.items.flatMap((i) => (i.kind === 'reject' ? [i.reject] : []));
    const expected = [
      /^invalid JSON: /,
      /^binary frame with invalid UTF-8 at byte 1 \(Jetstream sends text frames unless compression is asked for, which this source does not do\)$/,
      /^a Jetstream frame must be a JSON object$/,
      /^missing field kind$/,
      /^missing field commit\.record\.text$/,
      /^absurd timestamp: createdAt .* is more than 24 h after receipt/,
    ];
    assert.equal(rejects.length, expected.length, rejects.map((x) => x.reason).join('\n'));
    rejects.forEach((x, i) => assert.match(x.reason, expected[i] as RegExp));
    for (const x of rejects) {
      assert.equal(x.source, 'bsky-test');
      assert.ok(x.excerpt.length > 0);
    }
    assert.deepEqual(mentions(r.items).map((m) => m.id), [uri(MAELYS_DID, 1), uri(MAELYS_DID, 4)]);
    assert.equal(s.source.status().counts.rejects, 6);
    assert.equal(s.jet.connections.length, 1, 'no reconnection');
  } finally {
    await s.close();
  }
});

test('duplicates and out-of-order time_us: each event once, edits kept apart, the cursor is the highest time seen', async () => {
  const s = await setup();
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    s.jet.emit(
      postFrame({ n: 10, at: 10_000 }),
      postFrame({ n: 8, at: 8_000 }),
      postFrame({ n: 10, at: 10_000 }),
      postFrame({ n: 9, at: 9_000 }),
      postFrame({ n: 8, at: 8_000 }),
      // An edit of post 8: same (did, rkey), a new revision; it no longer names the brand but was yielded before.
      postFrame({ n: 8, at: 11_000, operation: 'update', rev: '3morrevedit8', text: 'Finalement, réglé par le SAV.' }),
      postFrame({ n: 8, at: 11_000, operation: 'update', rev: '3morrevedit8', text: 'Finalement, réglé par le SAV.' }),
      HEARTBEAT_FRAME,
    );
    s.jet.emit(postFrame({ n: 11, at: 11_500 }));
    await r.until((items) => items.length >= 5, '5 mentions');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(ids(r.items), [uri(MAELYS_DID, 10), uri(MAELYS_DID, 8), uri(MAELYS_DID, 9), uri(MAELYS_DID, 8), uri(MAELYS_DID, 11)]);
    const edit = mentions(r.items)[3];
    assert.equal(edit?.editedAt, (T0_US + 11_000) / 1000);
    assert.equal(edit?.text, 'Finalement, réglé par le SAV.');
    assert.deepEqual(
      r.items.map((i) => JSON.parse(i.checkpoint).cursor),
      [T0_US + 10_000, T0_US + 10_000, T0_US + 10_000, T0_US + 11_000, T0_US + 11_500],
    );
  } finally {
    await s.close();
  }
});

test('a restart resumes from the checkpoint: what happened meanwhile arrives, nothing twice', async () => {
  const jet = await JetstreamTestServer.start();
  const a = await setup({}, [orvelleBrand()], jet);
  const r1 = a.read();
  await jet.waitForConnection(1);
  jet.emit(postFrame({ n: 1 }), postFrame({ n: 2 }), postFrame({ n: 3 }));
  await r1.until((items) => items.length >= 3, 'posts 1–3');
  await r1.stop();
  assert.equal(a.source.status().state, 'stopped');
  const checkpoint = r1.items.at(-1)!.checkpoint;
  assert.deepEqual(JSON.parse(checkpoint).recent.length, 3);
  // While no one listens.
  jet.record(postFrame({ n: 4 }), postFrame({ n: 5, did: STRANGER_DID, text: 'Rien à voir' }), postFrame({ n: 6 }));
  const b = await setup({}, [orvelleBrand()], jet);
  try {
    const r2 = b.read(checkpoint);
    await jet.waitForConnection(2);
    assert.equal(jet.connections[1]?.cursor, T0_US + 3_000 - 5_000_000);
    await r2.until((items) => items.length >= 2, 'posts 4 and 6');
    jet.emit(postFrame({ n: 7 }));
    await r2.until((items) => items.length >= 3, 'post 7');
    assert.deepEqual(ids(r2.items), [uri(MAELYS_DID, 4), uri(MAELYS_DID, 6), uri(MAELYS_DID, 7)]);
    assert.equal(b.source.status().counts.gapFills, 1);
  } finally {
    await b.close();
  }
  await assert.rejects(
    async () => {
      for await (const _ of a.source.read({ from: 'line 12' })) break;
    },
    /checkpoint "line 12" is not a Bluesky checkpoint \(not JSON\).*Remove the stored checkpoint/,
  );
});

test('a slow consumer: past maxQueuedFrames the socket is closed and resumed from the cursor, nothing lost', async () => {
  const s = await setup({ maxQueuedFrames: 1000, resumeMarginMs: 1001 });
  const frame = (n: number): string => postFrame({ n, at: n * 20_000 });
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    s.jet.emit(frame(1));
    await r.until((items) => items.length >= 1, 'post 1');
    const release = r.hold();
    s.jet.emit(frame(2));
    await r.until((items) => items.length >= 2, 'post 2');
    s.jet.emit(...Array.from({ length: 2500 }, (_, i) => frame(3 + i)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await r.until((items) => items.length >= 2502, '2,502 posts', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(ids(r.items), Array.from({ length: 2502 }, (_, i) => uri(MAELYS_DID, i + 1)));
    assert.ok(s.jet.connections.length >= 2);
    assert.ok(s.source.status().recentErrors.some((e) => e.kind === 'slow-consumer'));
    // Every frame up to the cursor was handled in order: the resumption skips the margin (a frame's exact time).
    const cursor = s.jet.connections[1]?.cursor ?? 0;
    assert.equal((cursor - T0_US) % 20_000, 0, `cursor ${cursor}`);
  } finally {
    await s.close();
  }
});

test('deletes: known passes only the deletions of posts this source yielded', async () => {
  const s = await setup({ deletes: 'known' });
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    s.jet.emit(postFrame({ n: 1 }), deleteFrame({ did: STRANGER_DID, n: 2, at: 2_000 }), deleteFrame({ n: 1, at: 3_000 }), postFrame({ n: 4 }));
    await r.until((items) => items.length >= 3, '3 items');
    assert.deepEqual(ids(r.items), [uri(MAELYS_DID, 1), `delete ${uri(MAELYS_DID, 1)}`, uri(MAELYS_DID, 4)]);
    const del = r.items[1];
    assert.equal(del?.kind === 'delete' ? del.at : null, (T0_US + 3_000) / 1000);
  } finally {
    await s.close();
  }
});

test('a from: query needs the brand’s DID; a query without words falls back to the names, with a warning', async () => {
  const brands = [
    orvelleBrand({ queries: [{ id: 'own', text: 'from:orvelle.bsky.social', enabled: true }] }),
    orvelleBrand({ id: 'sillage', name: 'Sillage', aliases: [], handles: [], queries: [{ id: 'wide', text: 'NOT spam', enabled: true }] }),
  ];
  const s = await setup({}, brands);
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    s.jet.emit(
      postFrame({ n: 1, did: ORVELLE_DID, text: 'Bonne journée à toutes et tous !' }),
      postFrame({ n: 2, did: STRANGER_DID, text: 'Mon sac Sillage a tenu tout le GR20' }),
      postFrame({ n: 3, did: STRANGER_DID, text: 'Rien à voir' }),
      postFrame({ n: 4 }),
    );
    await r.until((items) => items.length >= 3, '3 mentions');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(ids(r.items), [uri(ORVELLE_DID, 1), uri(STRANGER_DID, 2), uri(MAELYS_DID, 4)]);
    const warning = s.source.status().recentErrors.find((e) => e.kind === 'config');
    assert.match(warning?.message ?? '', /brand "sillage", query "wide" can match posts without any particular word/);
  } finally {
    await s.close();
  }
});

test('test(): the first frame and the AppView, or what failed and how to fix it', async () => {
  const s = await setup({ testTimeoutMs: 300 });
  try {
    const pending = s.source.test();
    await s.jet.waitForConnection(1);
    s.jet.sendRaw(HEARTBEAT_FRAME);
    const ok = await pending;
    assert.equal(ok.ok, true, JSON.stringify(ok));
    assert.match(ok.ok ? ok.detail : '', /^Jetstream at ws:\/\/127\.0\.0\.1:\d+\/subscribe sent its first frame after \d+ ms; the AppView at http:\/\/127\.0\.0\.1:\d+ answered getProfiles; brand filter: \d+ words/);

    s.jet.stallNew = true;
    const silent = await s.source.test();
    assert.deepEqual(silent.ok, false);
    assert.match(silent.ok ? '' : silent.error, /connected to ws:.* but no frame came within 300 ms: check that it is a Jetstream \/subscribe endpoint/);
    s.jet.stallNew = false;

    appView.mode = 'error';
    const pending2 = s.source.test();
    await s.jet.waitForConnection(3);
    s.jet.sendRaw(HEARTBEAT_FRAME);
    const noAppView = await pending2;
    appView.mode = 'ok';
    assert.match(noAppView.ok ? '' : noAppView.error, /but the AppView at http:.* answered getProfiles with HTTP 502 and no JSON: check profiles\.appViewUrl/);
  } finally {
    appView.mode = 'ok';
    await s.close();
  }
  const jet = await JetstreamTestServer.start();
  const url = jet.url;
  await jet.close();
  const down = createBlueskySource({ jetstreamUrl: url }, { id: 'x', brands: () => [] });
  const failed = await down.test();
  assert.match(failed.ok ? '' : failed.error, /^Jetstream at ws:.*: could not connect to .* \(check jetstreamUrl and the network\)$/);
});

test('while streaming: new brands are picked up, and identity events change the handles in URLs', async () => {
  const brands = [orvelleBrand()];
  const s = await setup({}, brands);
  try {
    const r = s.read();
    await s.jet.waitForConnection(1);
    s.jet.emit(postFrame({ n: 1 }), postFrame({ n: 2, did: STRANGER_DID, text: 'Mon sac Sillage a tenu tout le GR20' }));
    await r.until((items) => items.length >= 1, 'post 1');
    brands.push(orvelleBrand({ id: 'sillage', name: 'Sillage', aliases: [], handles: [] }));
    s.clock.t += 10_000; // the brands are read again every 10 s
    s.jet.emit(
      identityFrame(MAELYS_DID, 'maelys.example', 3_000),
      postFrame({ n: 4, did: STRANGER_DID, text: 'Sillage, deuxième saison sans un accroc' }),
      postFrame({ n: 5 }),
    );
    await r.until((items) => items.length >= 3, '3 mentions');
    assert.deepEqual(ids(r.items), [uri(MAELYS_DID, 1), uri(STRANGER_DID, 4), uri(MAELYS_DID, 5)], 'post 2 came before the new brand');
    const [first, , last] = mentions(r.items);
    assert.equal(first?.url, `https://bsky.app/profile/maelys.bsky.social/post/${rkey(1)}`);
    assert.deepEqual([last?.author.handle, last?.url], ['maelys.example', `https://bsky.app/profile/maelys.example/post/${rkey(5)}`]);
  } finally {
    await s.close();
  }
});
