import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RedditSourceConfigSchema, userAgentOf } from './config.ts';

const base = { clientId: 'id', clientSecret: 'secret' };

test('defaults point at the real Reddit and poll every minute', () => {
  const c = RedditSourceConfigSchema.parse({ ...base, username: 'CorvaneCare', password: 'pw', subreddits: ['r/CorvaneOwners'] });
  assert.equal(c.tokenUrl, 'https://www.reddit.com/api/v1/access_token');
  assert.equal(c.apiBaseUrl, 'https://oauth.reddit.com');
  assert.equal(c.webBaseUrl, 'https://www.reddit.com');
  assert.deepEqual(c.subreddits, ['CorvaneOwners']);
  assert.equal(c.pollIntervalSeconds, 60);
  assert.equal(c.pageSize, 100);
  assert.equal(userAgentOf(c), 'server:vigie:v1 (by /u/CorvaneCare)');
  assert.equal(RedditSourceConfigSchema.parse({ ...base, apiBaseUrl: 'http://127.0.0.1:9/' }).apiBaseUrl, 'http://127.0.0.1:9');
});

test('bad entries are refused with the key and how to fix it', () => {
  const problems = (input: unknown): string[] => {
    const r = RedditSourceConfigSchema.safeParse(input);
    assert.equal(r.success, false);
    return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  assert.deepEqual(problems({ ...base, username: 'u' }), ['password: give both username and password (password grant of a "script" app), or neither (application-only access)']);
  assert.match(problems({ ...base, subreddits: ['r/has space'] })[0]!, /^subreddits\.0: expected a subreddit name/);
  assert.match(problems({ ...base, tokenUrl: 'ftp://x' })[0]!, /^tokenUrl: expected the token URL: an http/);
  assert.match(problems({ ...base, pageSize: 500 })[0]!, /^pageSize: expected an integer from 1 to 100/);
  assert.match(problems({ ...base, searchBrands: false })[0]!, /^searchBrands: nothing to read/);
  assert.match(problems({ ...base, clientSecret: '' })[0]!, /^clientSecret: expected the secret/);
  assert.match(problems({ ...base, sinceId: 'x' })[0]!, /sinceId/);
  for (const [key, field] of Object.entries(RedditSourceConfigSchema.shape)) {
    assert.ok((field.description ?? '').length > 10, `${key} is described`);
  }
});

test('without an account, the default User-Agent names the client id', () => {
  assert.equal(userAgentOf(RedditSourceConfigSchema.parse(base)), 'server:vigie:v1 (application-only, client id)');
  assert.equal(userAgentOf(RedditSourceConfigSchema.parse({ ...base, userAgent: 'server:corvane-desk:v2 (by /u/CorvaneCare)' })), 'server:corvane-desk:v2 (by /u/CorvaneCare)');
});
