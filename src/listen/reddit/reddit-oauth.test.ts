import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { startRedditTestServer, type RedditTestServer } from './test-server.ts';
import { INTERVAL_MS, mentionIds, readSome, testClock, testSource } from './test-run.ts';
import { post, T0 } from './test-things.ts';

let server: RedditTestServer;
before(async () => {
  server = await startRedditTestServer();
});
after(() => server.close());
beforeEach(() => {
  server.posts = [post({ id: 'p1', created: T0 - 100 })];
  server.requests = [];
  server.script = [];
  server.tokenScript = [];
  server.expiresIn = 86_400;
});

const tokenRequests = (): number => server.requests.filter((r) => r.path === '/api/v1/access_token').length;
const apiTokens = (): string[] => server.requests.filter((r) => r.path === '/search').map((r) => r.authorization ?? '');

test('the token is obtained again before expires_in (read from the answer, not hard-coded)', async () => {
  const clock = testClock((T0 + 60) * 1000);
  server.expiresIn = 100;
  const n = server.tokensIssued;
  await readSome(testSource(server, clock), clock, { rounds: 10 });
  // A 100 s token is renewed halfway (a minute before expiry would be sooner than that), at 50 s:
  // rounds start every 7 s, so the ninth (56 s) is the first with a new token.
  assert.equal(tokenRequests(), 2);
  assert.deepEqual(apiTokens(), [...Array(8).fill(`bearer tok-${n + 1}`), `bearer tok-${n + 2}`, `bearer tok-${n + 2}`]);

  server.requests = [];
  server.expiresIn = undefined;
  const clock2 = testClock((T0 + 60) * 1000);
  await readSome(testSource(server, clock2), clock2, { rounds: 20 });
  assert.equal(tokenRequests(), 1, 'without expires_in, an hour is assumed');
});

test('a 401 obtains a new token and repeats the request once; a second 401 fails until authRetryMinutes have passed', async () => {
  const clock = testClock((T0 + 60) * 1000);
  const source = testSource(server, clock);
  const n = server.tokensIssued;
  const tok = (i: number): string => `bearer tok-${n + i}`;
  const states: string[] = [];
  clock.onSleep = (ms) => {
    if (ms !== INTERVAL_MS) states.push(`${ms}:${source.status().state}`);
  };
  const items = await readSome(source, clock, {
    rounds: 3,
    betweenRounds: (round) => {
      if (round === 1) server.expireTokens();
      if (round === 2) server.script.push({ match: /^\/search$/, status: 401 }, { match: /^\/search$/, status: 401 });
    },
  });
  assert.deepEqual(mentionIds(items), ['reddit:t3_p1']);
  assert.deepEqual(apiTokens(), [tok(1), tok(1), tok(2), tok(2), tok(3), tok(4)]);
  assert.deepEqual(states, ['1800000:failed']);
  const s = source.status();
  assert.equal(s.errors, 1);
  assert.equal(s.recentErrors[0]!.kind, 'auth');
  assert.match(s.recentErrors[0]!.message, /HTTP 401 twice.*trying again in 30 min/);
  assert.equal(s.counts.reconnects, 1);
});

test('refused credentials fail with the fix named, and are not retried before authRetryMinutes', async () => {
  const clock = testClock((T0 + 60) * 1000);
  const wrong = testSource(server, clock, { password: 'not-it', authRetryMinutes: 5 });
  const ac = new AbortController();
  clock.onSleep = (ms) => {
    if (ms === 300_000) ac.abort();
  };
  for await (const _ of wrong.read({ signal: ac.signal })) assert.fail('nothing is read');
  const s = wrong.status();
  assert.equal(s.state, 'stopped');
  assert.match(s.recentErrors[0]!.message, /refused the username or password \(invalid_grant\).*trying again in 5 min/);
  assert.equal(tokenRequests(), 1);

  const badSecret = await testSource(server, clock, { clientSecret: 'nope' }).test();
  assert.equal(badSecret.ok, false);
  assert.match(badSecret.ok ? '' : badSecret.error, /client id or secret \(HTTP 401\): check clientId and clientSecret/);
  server.tokenScript.push({ body: JSON.stringify({ error: 'unsupported_grant_type' }) });
  const notScript = await testSource(server, clock).test();
  assert.match(notScript.ok ? '' : notScript.error, /must be of type "script"/);
});

test('test() obtains a token and makes one cheap call; without an account, application-only access', async () => {
  const clock = testClock((T0 + 60) * 1000);
  const result = await testSource(server, clock).test();
  assert.deepEqual(result, {
    ok: true,
    detail: `Reddit API reached at ${server.url} as u/CorvaneCare (token valid 86400 s, scope *); 599 requests left in the rate-limit window`,
  });
  assert.deepEqual(
    server.requests.map((r) => r.path),
    ['/api/v1/access_token', '/api/v1/me'],
  );
  server.requests = [];
  const appOnly = await testSource(server, clock, { username: undefined, password: undefined }).test();
  assert.ok(appOnly.ok && appOnly.detail.includes('with application-only access'));
  assert.equal(server.requests[0]!.body, 'grant_type=client_credentials');
  assert.equal(server.requests[1]!.path, '/api/v1/scopes');
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const down = await testSource(server, clock, { tokenUrl: `http://127.0.0.1:${port}/api/v1/access_token`, requestTimeoutSeconds: 5 }).test();
  assert.match(down.ok ? '' : down.error, /^\/api\/v1\/access_token: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
});
