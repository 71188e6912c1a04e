import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workspaceId } from '../../domain/ids.ts';
import { makeSignal } from '../../store/test-signals.ts';
import { presentSignal } from './signal.ts';

/** Drops the ISO strings whose epoch ms are beside them, and renames `<name>Ms` back to `<name>`. */
function epochOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(epochOnly);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (`${k}Ms` in record) continue;
    out[k.endsWith('Ms') && k !== 'bucketMs' ? k.slice(0, -2) : k] = epochOnly(v);
  }
  return out;
}

test('a signal view holds everything but the workspace, every time in ISO beside its epoch ms', () => {
  const s = makeSignal(workspaceId('lumen-co'), 1);
  const view = presentSignal(s);
  assert.equal(view.startedAt, new Date(s.startedAt).toISOString());
  assert.equal(view.endedAt, new Date(s.endedAt!).toISOString());
  assert.equal(view.evidence?.to, new Date(s.evidence!.to).toISOString());
  assert.equal(view.evidence?.samples[0]?.mentions[1]?.createdAt, new Date(s.evidence!.samples[0]!.mentions[1]!.createdAt).toISOString());
  const { workspaceId: _ws, ...rest } = s;
  assert.deepEqual(epochOnly(view), rest);
  const open = presentSignal({ ...s, endedAt: null, evidence: null });
  assert.deepEqual([open.endedAt, open.endedAtMs, open.evidence], [null, null, null]);
});
