import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliveryId } from './delivery-id.ts';

test('stable: same parts, same key, in the documented form', () => {
  const a = deliveryId('alert-1', 2, 'ana/phone', 0);
  assert.equal(a, deliveryId('alert-1', 2, 'ana/phone', 0));
  assert.match(a, /^dlv_[0-9a-f]{32}$/);
});

test('every part changes the key, and parts cannot be shifted into each other', () => {
  const keys = new Set([
    deliveryId('alert-1', 2, 'ana/phone', 0),
    deliveryId('alert-2', 2, 'ana/phone', 0),
    deliveryId('alert-1', 3, 'ana/phone', 0),
    deliveryId('alert-1', 2, 'ana/mail', 0),
    deliveryId('alert-1', 2, 'ana/phone', 1),
    deliveryId('a', 1, '2|b', 0),
    deliveryId('a|1', 2, 'b', 0),
  ]);
  assert.equal(keys.size, 7);
});

test('bad parts are refused', () => {
  assert.throws(() => deliveryId('', 0, 'c', 0), /alertId/);
  assert.throws(() => deliveryId('a', -1, 'c', 0), /step/);
  assert.throws(() => deliveryId('a', 0, '', 0), /contactId/);
  assert.throws(() => deliveryId('a', 0, 'c', 1.5), /attemptGroup/);
});
