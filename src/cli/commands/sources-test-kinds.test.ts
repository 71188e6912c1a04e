/**
 * Issue 6, "Done when": `vigie sources test` reports a live connection for EVERY kind of source
 * against that connector's own local test server, as a real child process reading a real
 * vigie.yaml whose credentials are written the way users must write them (enc:v1: with the key in
 * VIGIE_SECRET_KEY, or env:NAME). Each kind also has one failing entry (a wrong credential, a server
 * that is down, a feed that is gone, a malformed secret): exit 1 and a message saying what failed
 * and how to fix it. `vigie sources list --json` names the six kinds and every configured source.
 */
import { ondineConfigHead } from './test-ondine-config.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppViewTestServer, JetstreamTestServer } from '../../listen/bluesky/test-server.ts';
import { MastodonTestServer } from '../../listen/mastodon/test-server.ts';
import { startRedditTestServer, TEST_CREDENTIALS, type RedditTestServer } from '../../listen/reddit/test-server.ts';
import { FeedTestServer, rssFeed } from '../../listen/rss/test-server.ts';
import { encryptSecret } from '../../listen/sources/secrets.ts';
import { XTestServer } from '../../listen/x/test-server.ts';
import { cliEnv, runCli, type CliResult } from '../run-cli.ts';

/** A port nothing listens on (taken, then released): connections to it are refused. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** `s` as a literal inside a RegExp. */
const re = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const KINDS = ['x', 'bluesky', 'mastodon', 'reddit', 'rss', 'webhook'] as const;

interface Rig {
  dir: string;
  config: string;
  env: NodeJS.ProcessEnv;
  x: XTestServer;
  jetstream: JetstreamTestServer;
  appView: AppViewTestServer;
  mastodon: MastodonTestServer;
  reddit: RedditTestServer;
  feeds: FeedTestServer;
  ids: string[];
}

let rig: Rig;

async function setup(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-sources-kinds-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  const key = randomBytes(32);
  const enc = (plain: string): string => encryptSecret(plain, key);
  const [x, jetstream, appView, mastodon, reddit, feeds] = await Promise.all([
    XTestServer.start('ondine-bearer-7f3a'),
    JetstreamTestServer.start({ heartbeatMs: 50 }),
    AppViewTestServer.start(),
    new MastodonTestServer({ domain: 'mastodon.ondine.test', token: 'ondine-masto-token-41' }).start(),
    startRedditTestServer(),
    FeedTestServer.start(),
  ]);
  feeds.feed('/ondine.xml', rssFeed([{ id: 'ondine-1', title: 'Ondine Cycles recalls a battery', date: new Date().toISOString(), link: 'https://gazette.test/ondine-1' }], { title: 'Harbour Gazette' }));
  const [httpPort, downPort] = await Promise.all([deadPort(), deadPort()]);
  const config = join(dir, 'vigie.yaml');
  const lines = [
    ...ondineConfigHead(httpPort),
    // x: the bearer token encrypted; the bad entry holds another (well encrypted) token.
    '  - id: ondine-x',
    '    kind: x',
    `    bearerToken: ${enc(x.token)}`,
    `    apiBaseUrl: ${x.url}`,
    '  - id: ondine-x-bad',
    '    kind: x',
    `    bearerToken: ${enc('revoked-bearer-0000')}`,
    `    apiBaseUrl: ${x.url}`,
    // bluesky: no credential; the bad entry's Jetstream is down.
    '  - id: ondine-sky',
    '    kind: bluesky',
    `    jetstreamUrl: ${jetstream.url}`,
    '    profiles:',
    `      appViewUrl: ${appView.url}`,
    '  - id: ondine-sky-bad',
    '    kind: bluesky',
    `    jetstreamUrl: ws://127.0.0.1:${downPort}/subscribe`,
    '    testTimeoutMs: 3000',
    '    profiles:',
    `      appViewUrl: ${appView.url}`,
    // mastodon: the token read from the environment (env:NAME); the bad entry's variable holds a wrong one.
    '  - id: ondine-masto',
    '    kind: mastodon',
    '    instances:',
    `      - baseUrl: ${mastodon.url}`,
    `        domain: ${mastodon.domain}`,
    '        token: env:ONDINE_MASTO_TOKEN',
    '        hashtags: [OndineCycles]',
    '  - id: ondine-masto-bad',
    '    kind: mastodon',
    '    instances:',
    `      - baseUrl: ${mastodon.url}`,
    `        domain: ${mastodon.domain}`,
    '        token: env:ONDINE_MASTO_OLD_TOKEN',
    '        hashtags: [OndineCycles]',
    // reddit: script app, client secret encrypted and password from the environment; the bad entry's client secret is wrong.
    '  - id: ondine-reddit',
    '    kind: reddit',
    `    clientId: ${TEST_CREDENTIALS.clientId}`,
    `    clientSecret: ${enc(TEST_CREDENTIALS.clientSecret)}`,
    `    username: ${TEST_CREDENTIALS.username}`,
    '    password: env:ONDINE_REDDIT_PASSWORD',
    `    tokenUrl: ${reddit.tokenUrl}`,
    `    apiBaseUrl: ${reddit.url}`,
    '  - id: ondine-reddit-bad',
    '    kind: reddit',
    `    clientId: ${TEST_CREDENTIALS.clientId}`,
    `    clientSecret: ${enc('not-the-app-secret')}`,
    `    username: ${TEST_CREDENTIALS.username}`,
    '    password: env:ONDINE_REDDIT_PASSWORD',
    `    tokenUrl: ${reddit.tokenUrl}`,
    `    apiBaseUrl: ${reddit.url}`,
    // rss: no credential; the bad entry's feed is gone (404).
    '  - id: ondine-rss',
    '    kind: rss',
    `    feeds: [${feeds.url('/ondine.xml')}]`,
    '  - id: ondine-rss-bad',
    '    kind: rss',
    `    feeds: [${feeds.url('/gone.xml')}]`,
    // webhook: no upstream; test() checks the secret. The bad entry's secret is too short (16 bytes).
    '  - id: ondine-hook',
    '    kind: webhook',
    `    secret: ${enc(`whsec_${randomBytes(32).toString('base64')}`)}`,
    '  - id: ondine-hook-bad',
    '    kind: webhook',
    `    secret: ${enc(`whsec_${randomBytes(16).toString('base64')}`)}`,
    '',
  ];
  writeFileSync(config, lines.join('\n'));
  const env = cliEnv(data, {
    VIGIE_SECRET_KEY: key.toString('base64'),
    ONDINE_MASTO_TOKEN: mastodon.token,
    ONDINE_MASTO_OLD_TOKEN: 'ondine-masto-token-revoked',
    ONDINE_REDDIT_PASSWORD: TEST_CREDENTIALS.password,
  });
  const ids = lines.filter((l) => l.startsWith('  - id: ondine-')).map((l) => l.slice('  - id: '.length));
  return { dir, config, env, x, jetstream, appView, mastodon, reddit, feeds, ids };
}

function sourcesTest(id: string): Promise<CliResult> {
  return runCli(['--config', rig.config, 'sources', 'test', id, '--json', '--timeout', '15'], { cwd: rig.dir, env: rig.env });
}

interface TestJson {
  id: string;
  kind: string;
  ok: boolean;
  detail?: string;
  error?: string;
}

/** Runs `vigie sources test <id> --json` and checks a live connection: exit 0, ok true, the detail matching `detail`. */
async function expectLive(id: string, kind: string, detail: RegExp): Promise<void> {
  const r = await sourcesTest(id);
  assert.equal(r.code, 0, `vigie sources test ${id}: exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as TestJson;
  assert.equal(json.id, id);
  assert.equal(json.kind, kind);
  assert.equal(json.ok, true, r.stdout);
  assert.match(json.detail ?? '', detail);
}

/** Runs it on a failing entry: exit 1, ok false in the JSON, and stderr naming the source and saying `error`. */
async function expectFailure(id: string, kind: string, error: RegExp): Promise<void> {
  const r = await sourcesTest(id);
  assert.equal(r.code, 1, `vigie sources test ${id}: exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as TestJson;
  assert.deepEqual([json.id, json.kind, json.ok], [id, kind, false]);
  assert.match(json.error ?? '', error);
  assert.equal(r.stderr.trim(), `vigie: source ${id} (${kind}): test failed: ${json.error}`);
}

describe('vigie sources test against every kind of local server', { concurrency: 3 }, () => {
  before(async () => {
    rig = await setup();
  });
  after(async () => {
    await Promise.all([rig.x.close(), rig.jetstream.close(), rig.appView.close(), rig.mastodon.close(), rig.reddit.close(), rig.feeds.close()]);
    rmSync(rig.dir, { recursive: true, force: true });
  });

  it('x: the encrypted bearer token reaches the X server; a revoked token fails', async () => {
    await expectLive('ondine-x', 'x', new RegExp(`^X API reached at ${re(rig.x.url)}, the bearer token works: 0 stream rules \\(0 tagged with a brand id\\)$`));
    assert.ok(rig.x.requestsTo('/2/tweets/search/stream/rules').length >= 1, 'the X test server was asked for the stream rules');
    await expectFailure('ondine-x-bad', 'x', /^GET \/2\/tweets\/search\/stream\/rules: X refused the bearer token \(HTTP 401\): .*; check the source's bearerToken/);
  });

  it('bluesky: the Jetstream test server sends a frame and the AppView answers; a Jetstream that is down fails', async () => {
    await expectLive('ondine-sky', 'bluesky', new RegExp(`^Jetstream at ${re(rig.jetstream.url)} sent its first frame after \\d+ ms; the AppView at ${re(rig.appView.url)} answered getProfiles; brand filter: `));
    assert.ok(rig.jetstream.connections.length >= 1, 'the Jetstream test server saw the connection');
    assert.ok(rig.appView.requests.length >= 1, 'the AppView test server was asked for profiles');
    await expectFailure('ondine-sky-bad', 'bluesky', /^Jetstream at ws:\/\/127\.0\.0\.1:\d+\/subscribe: could not connect to ws:\/\/127\.0\.0\.1:\d+\/subscribe: the connection was refused or closed before the WebSocket handshake \(check jetstreamUrl and the network\)$/);
  });

  it('mastodon: the env: token is accepted and the WebSocket stream opens; a revoked token fails', async () => {
    await expectLive('ondine-masto', 'mastodon', /^mastodon\.ondine\.test: token accepted \(app "Vigie test"\), WebSocket stream open; streams #OndineCycles/);
    assert.ok(rig.mastodon.requests.some((r) => r.path === '/api/v1/apps/verify_credentials'), 'the Mastodon test server was asked to verify the token');
    await expectFailure('ondine-masto-bad', 'mastodon', /^mastodon\.ondine\.test: http:\/\/127\.0\.0\.1:\d+ answered HTTP 401: The access token is invalid \(create a token with the read:statuses scope and set sources\.ondine-masto-bad\.instances\[0\]\.token\)$/);
  });

  it('reddit: the encrypted client secret and env: password get a token and reach /api/v1/me; a wrong client secret fails', async () => {
    await expectLive('ondine-reddit', 'reddit', new RegExp(`^Reddit API reached at ${re(rig.reddit.url)} as u/${TEST_CREDENTIALS.username} \\(token valid \\d+ s`));
    assert.ok(rig.reddit.tokensIssued >= 1, 'the Reddit test server issued a token');
    await expectFailure('ondine-reddit-bad', 'reddit', /^Reddit refused the app's client id or secret \(HTTP 401\): check clientId and clientSecret/);
  });

  it('rss: the feed is fetched and parsed; a feed that is gone fails', async () => {
    await expectLive('ondine-rss', 'rss', new RegExp(`^1 feed\\(s\\) reached: ${re(rig.feeds.url('/ondine.xml'))}: RSS 2\\.0 "Harbour Gazette", 1 entries, \\d+ bytes$`));
    await expectFailure('ondine-rss-bad', 'rss', /^1 of 1 feed\(s\) failed: http:\/\/127\.0\.0\.1:\d+\/gone\.xml: HTTP 404 from .*: no feed at this address; check the URL$/);
  });

  it('webhook: no upstream, the decrypted secret is checked; a 16-byte secret fails', async () => {
    await expectLive('ondine-hook', 'webhook', /^secret valid; senders POST signed mentions to \/api\/sources\/ondine-hook\/webhook/);
    await expectFailure('ondine-hook-bad', 'webhook', /webhook source "ondine-hook-bad" is misconfigured: secret: decodes to 16 bytes; Standard Webhooks keys are 24 to 64 bytes/);
  });

  it('vigie sources list names the six kinds and every configured source', async () => {
    const r = await runCli(['--config', rig.config, 'sources', 'list', '--json'], { cwd: rig.dir, env: rig.env });
    assert.equal(r.code, 0, r.stderr);
    const listed = JSON.parse(r.stdout) as { kinds: { kind: string; available: boolean }[]; server: { running: boolean }; sources: { id: string; kind: string; run: string }[] };
    assert.deepEqual(listed.kinds, KINDS.map((kind) => ({ kind, available: true })));
    assert.equal(listed.server.running, false);
    assert.deepEqual(listed.sources.map((s) => s.id), rig.ids);
    assert.equal(rig.ids.length, 12);
    for (const kind of KINDS) {
      assert.deepEqual(listed.sources.filter((s) => s.kind === kind).map((s) => s.run), ['not running', 'not running'], kind);
    }
  });
});
