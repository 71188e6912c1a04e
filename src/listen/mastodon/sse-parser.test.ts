import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SseParser, type SseOutput } from './sse-parser.ts';

function run(chunks: readonly string[], maxLine?: number): SseOutput[] {
  const p = new SseParser(maxLine);
  const out: SseOutput[] = [];
  for (const c of chunks) p.feed(c, (o) => out.push(o));
  return out;
}

// Mastodon's shape: the `:)` greeting, heartbeats ending with ONE \n right before an event.
const BODY = ':)\nevent: update\ndata: {"id":"1","content":"<p>é 🍏</p>"}\n\n:thump\nevent: delete\ndata: 1\n\n:thump\nevent: status.update\ndata: {"id":"1"}\n\n';
const EXPECTED: SseOutput[] = [
  { kind: 'comment', text: ')' },
  { kind: 'event', event: { event: 'update', data: '{"id":"1","content":"<p>é 🍏</p>"}' } },
  { kind: 'comment', text: 'thump' },
  { kind: 'event', event: { event: 'delete', data: '1' } },
  { kind: 'comment', text: 'thump' },
  { kind: 'event', event: { event: 'status.update', data: '{"id":"1"}' } },
];

test('a heartbeat followed by an event on the next line is a comment, not part of the event', () => {
  assert.deepEqual(run([BODY]), EXPECTED);
});

test('the same events whatever the chunk boundaries (every cut point, one character at a time)', () => {
  for (let i = 0; i <= BODY.length; i++) assert.deepEqual(run([BODY.slice(0, i), BODY.slice(i)]), EXPECTED, `cut at ${i}`);
  assert.deepEqual(run([...BODY]), EXPECTED);
});

test('\\r\\n and \\r line endings, including a \\r\\n split across chunks', () => {
  const crlf = BODY.replace(/\n/g, '\r\n');
  assert.deepEqual(run([crlf]), EXPECTED);
  for (let i = 0; i <= crlf.length; i++) assert.deepEqual(run([crlf.slice(0, i), crlf.slice(i)]), EXPECTED, `cut at ${i}`);
  assert.deepEqual(run([BODY.replace(/\n/g, '\r')]), EXPECTED);
});

test('fields: multi-line data, no space after the colon, default event name, unknown fields and lone event lines', () => {
  const out = run(['data:a\ndata: b\nid: 7\nretry: 10\nfoo\n\nevent: nothing\n\n']);
  assert.deepEqual(out, [{ kind: 'event', event: { event: 'message', data: 'a\nb' } }], 'an event without data is not dispatched');
});

test('a line over the limit is reported and dropped with its event; what follows is read', () => {
  const out = run(['event: update\ndata: ', 'x'.repeat(50), 'y'.repeat(50), '\n\nevent: update\ndata: ok\n\n'], 64);
  assert.equal(out.length, 2);
  assert.equal(out[0]?.kind, 'oversized');
  assert.ok(out[0]?.kind === 'oversized' && out[0].length === 106 && out[0].head.startsWith('data: xxx'));
  assert.deepEqual(out[1], { kind: 'event', event: { event: 'update', data: 'ok' } });
});

test('reset() forgets an event cut by a dropped connection', () => {
  const p = new SseParser();
  const out: SseOutput[] = [];
  p.feed('event: update\ndata: {"id":"1', (o) => out.push(o));
  p.reset();
  p.feed('\n\nevent: update\ndata: 2\n\n', (o) => out.push(o));
  assert.deepEqual(out, [{ kind: 'event', event: { event: 'update', data: '2' } }]);
});
