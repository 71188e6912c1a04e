import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createProgress, formatDuration } from './progress.ts';

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const pass = new PassThrough();
  let out = '';
  pass.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // A PassThrough is not a tty; it has what the plain progress writes to.
  return { stream: pass as unknown as NodeJS.WriteStream, text: () => out };
}

test('plain progress prints rate, percentage and ETA at most once per interval', () => {
  let t = 0;
  const { stream, text } = capture();
  const p = createProgress({ label: 'import', stream, plain: true, intervalSeconds: 2, now: () => t });
  t = 1000;
  p.update({ done: 0, total: 100, items: 0 });
  t = 1500;
  p.update({ done: 10, total: 100, items: 500 }); // within the interval: no new line
  t = 4000;
  p.update({ done: 50, total: 100, items: 2000 });
  p.stop();
  const lines = text().trim().split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[1], 'import: 2,000 items (50.0%), 500/s, ETA 4s');
});

test('durations read as a person would say them', () => {
  assert.equal(formatDuration(5), '5s');
  assert.equal(formatDuration(75), '1m15s');
  assert.equal(formatDuration(3725), '1h02m');
  assert.equal(formatDuration(Number.POSITIVE_INFINITY), '?');
});
