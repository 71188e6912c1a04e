/**
 * The alert codec: a record written before the state fields joined AlertSchema reads back with
 * them derived; a complete record reads back as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertSchema, AUTO_RESOLVER, type Alert } from '../alert/alert.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import { alertFromRow } from './alerting-rows.ts';
import { makeAlert } from './test-alerting.ts';

const WS = 'ws' as WorkspaceId;
const legacy = (a: Alert): string => {
  const { openSignalIds: _o, silencedFrom: _s, remindedAt: _r, firstAcknowledgedAt: _f, autoResolved: _a, ...old } = a;
  return JSON.stringify(old);
};

test('a complete alert row reads back unchanged', () => {
  const a: Alert = { ...makeAlert(WS, 1), signalIds: ['a', 'b'], openSignalIds: ['b'], remindedAt: 5, firstAcknowledgedAt: 3 };
  assert.deepEqual(alertFromRow({ data: JSON.stringify(a) }), a);
});

test('an alert row without the state fields gets them derived from the record', () => {
  const open = makeAlert(WS, 1, { signalIds: ['a', 'b'], openSignalIds: ['a', 'b'] });
  const back = alertFromRow({ data: legacy(open) });
  assert.deepEqual(back, { ...open, openSignalIds: ['a', 'b'] });
  assert.doesNotThrow(() => AlertSchema.parse(back));

  const silencedAcked = makeAlert(WS, 2, { status: 'silenced', acknowledgedAt: 7, acknowledgedBy: 'ana', signalOpen: false, openSignalIds: [] });
  assert.deepEqual(alertFromRow({ data: legacy(silencedAcked) }), { ...silencedAcked, silencedFrom: 'acknowledged', firstAcknowledgedAt: 7 });
  const silencedNew = makeAlert(WS, 3, { status: 'silenced' });
  assert.equal(alertFromRow({ data: legacy(silencedNew) }).silencedFrom, 'new');

  const auto = makeAlert(WS, 4, { status: 'resolved', resolvedAt: 9, resolvedBy: AUTO_RESOLVER, signalOpen: false, openSignalIds: [] });
  assert.equal(alertFromRow({ data: legacy(auto) }).autoResolved, true);
  assert.equal(alertFromRow({ data: legacy({ ...auto, resolvedBy: 'ana' }) }).autoResolved, false);
});
