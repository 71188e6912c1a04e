import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../live/corrupt.ts';
import { CrlfSplitter, type StreamLine } from './stream-lines.ts';

const texts = (lines: StreamLine[]): string[] => lines.map((l) => (l.kind === 'line' ? l.bytes.toString('utf8') : `<too-long ${l.size}>`));

test('messages split at any byte (a \\r\\n or an emoji included) come out whole, keep-alives as empty lines', () => {
  const messages = ['{"data":{"id":"1","text":"Vela 3 🔋 chauffe"}}', '', '{"data":{"id":"2","text":"ok"}}', '', '', '{"errors":[]}'];
  const body = Buffer.from(messages.map((m) => `${m}\r\n`).join(''));
  const rnd = seededRandom(7);
  for (let run = 0; run < 300; run++) {
    const s = new CrlfSplitter();
    const got: StreamLine[] = [];
    let at = 0;
    while (at < body.length) {
      const n = 1 + Math.floor(rnd() * 12);
      got.push(...s.push(body.subarray(at, at + n)));
      at += n;
    }
    assert.deepEqual(texts(got), messages);
    assert.equal(s.pending, 0);
  }
});

test('a bare \\n does not end a message; a drop loses only the unfinished one', () => {
  const s = new CrlfSplitter();
  assert.deepEqual(texts(s.push(Buffer.from('{"a":\n1}\r\n{"b":'))), ['{"a":\n1}']);
  assert.equal(s.pending, 5);
  assert.equal(s.reset(), 5);
  assert.deepEqual(texts(s.push(Buffer.from('\r\n'))), ['']);
});

test('an over-long message is reported with its size and head, without being held, and the next one is whole', () => {
  const s = new CrlfSplitter(100);
  const got: StreamLine[] = [];
  got.push(...s.push(Buffer.from('x'.repeat(60))));
  got.push(...s.push(Buffer.from('y'.repeat(60))));
  got.push(...s.push(Buffer.from('z'.repeat(500) + '\r')));
  assert.ok(s.pending > 100);
  got.push(...s.push(Buffer.from('\n{"ok":1}\r\n')));
  assert.equal(got.length, 2);
  const first = got[0]!;
  assert.ok(first.kind === 'too-long');
  assert.equal(first.size, 620);
  assert.equal(first.head.toString(), 'x'.repeat(60) + 'y'.repeat(60));
  assert.deepEqual(texts([got[1]!]), ['{"ok":1}']);
  assert.equal(texts(new CrlfSplitter(10).push(Buffer.from('a'.repeat(11) + '\r\n')))[0], '<too-long 11>');
  assert.equal(texts(new CrlfSplitter(10).push(Buffer.from('a'.repeat(10) + '\r\n')))[0], 'a'.repeat(10));
});
