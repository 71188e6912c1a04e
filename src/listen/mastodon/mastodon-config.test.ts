import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { describeOf, unwrap } from '../../config/schema-keys.ts';
import { MastodonInstanceConfigSchema, MastodonSourceConfigSchema } from './mastodon-config.ts';

test('defaults: the real platform URL, WebSocket, brand hashtags, 45 s stall detection', () => {
  const c = MastodonSourceConfigSchema.parse({ instances: [{ token: 't' }] });
  assert.deepEqual(c, {
    instances: [{ baseUrl: 'https://mastodon.social', token: 't', transport: 'websocket', hashtags: [], hashtagsFromBrands: true, localOnly: false, publicStream: 'off' }],
    stallSeconds: 45,
    websocketProbe: true,
    gapFillMarginSeconds: 300,
    gapFillMaxPages: 50,
    maxHashtags: 25,
    requestTimeoutSeconds: 30,
  });
});

test('every key is described for users', () => {
  const top = unwrap(MastodonSourceConfigSchema);
  assert.ok(top instanceof z.ZodObject);
  for (const [key, schema] of [...Object.entries(top.shape), ...Object.entries(MastodonInstanceConfigSchema.shape)]) {
    assert.ok(describeOf(schema as z.ZodType), `${key} has no .describe()`);
  }
});

test('two instances with the same domain are refused, naming both', () => {
  const r = MastodonSourceConfigSchema.safeParse({ instances: [{ token: 'a' }, { baseUrl: 'https://MASTODON.social/', token: 'b' }] });
  assert.ok(!r.success);
  assert.match(r.error.issues[0]!.message, /instances 1 and 2 are both mastodon\.social/);
  assert.deepEqual(r.error.issues[0]!.path, ['instances', 1, 'domain']);
});
