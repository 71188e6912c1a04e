import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InAppHub, type InAppEvent, type InAppListener } from './hub.ts';

/** A listener that records what a stream would send. */
function recorder(): InAppListener & { got: { id: string | null; data: string }[]; ended: string[] } {
  const got: { id: string | null; data: string }[] = [];
  const ended: string[] = [];
  return {
    got,
    ended,
    send: (e: InAppEvent, late: boolean) => got.push({ id: late ? null : e.id, data: e.data }),
    end: (reason: string) => ended.push(reason),
  };
}

const page = (data: string, key: string | null = data) => ({ name: 'page', data, key });

test('publish reaches the live streams of that user only, with increasing ids of this run', () => {
  const hub = new InAppHub({ bootId: 'run1' });
  const a1 = recorder();
  const a2 = recorder();
  const b = recorder();
  hub.subscribe('ana', a1);
  hub.subscribe('ana', a2);
  hub.subscribe('bob', b);
  assert.equal(hub.publish('ana', page('p1')), 2);
  assert.equal(hub.publish('bob', page('p2')), 1);
  assert.equal(hub.publish('carol', page('p3')), 0, 'nobody listens for carol');
  assert.deepEqual(a1.got, [{ id: 'run1.1', data: 'p1' }]);
  assert.deepEqual(a2.got, [{ id: 'run1.1', data: 'p1' }]);
  assert.deepEqual(b.got, [{ id: 'run1.2', data: 'p2' }]);
  assert.equal(hub.streams('ana'), 2);
  assert.equal(hub.streams(), 3);
});

test('a reconnecting stream gets what it missed after its Last-Event-ID, and not what it saw', () => {
  const hub = new InAppHub({ bootId: 'run1' });
  const first = recorder();
  const s1 = hub.subscribe('ana', first);
  assert.equal(s1.cursor, 'run1.0');
  hub.publish('ana', page('seen'));
  s1.close();
  assert.equal(hub.streams('ana'), 0);
  assert.equal(hub.publish('ana', page('missed-1')), 0);
  hub.publish('bob', page('not-ana'));
  hub.publish('ana', page('missed-2'));
  const again = recorder();
  const s2 = hub.subscribe('ana', again, first.got.at(-1)?.id);
  assert.deepEqual(s2.missed.map((e) => [e.id, e.data]), [['run1.2', 'missed-1'], ['run1.4', 'missed-2']]);
  assert.equal(s2.notice, null);
  assert.equal(s2.cursor, 'run1.4');
  // The replayed pages count as had: publishing them again reaches the stream without resending.
  assert.equal(hub.publish('ana', page('missed-1')), 1);
  assert.deepEqual(again.got, []);
});

test('a fresh stream (no Last-Event-ID) replays nothing; its cursor still lets it catch up after a drop', () => {
  const hub = new InAppHub({ bootId: 'run1' });
  hub.publish('ana', page('old'));
  const s = hub.subscribe('ana', recorder());
  assert.deepEqual(s.missed, []);
  assert.equal(s.cursor, 'run1.1');
  s.close();
  hub.publish('ana', page('while-away'));
  assert.deepEqual(hub.subscribe('ana', recorder(), s.cursor).missed.map((e) => e.data), ['while-away']);
});

test('ids of another run, unknown or future ids replay nothing and say why', () => {
  const hub = new InAppHub({ bootId: 'run2' });
  hub.publish('ana', page('p1'));
  for (const id of ['run1.1', 'garbage', 'run2.x', 'run2.99', 'run2']) {
    const s = hub.subscribe('ana', recorder(), id);
    assert.deepEqual(s.missed, [], id);
    assert.match(s.notice ?? '', /not from this run of Vigie .*nothing older is replayed/, id);
    s.close();
  }
  const empty = hub.subscribe('ana', recorder(), '');
  assert.equal(empty.notice, null, 'an empty id is a fresh stream');
});

test('the backlog is bounded per user; a stream that missed dropped events is told', () => {
  const hub = new InAppHub({ bootId: 'r', backlog: 3 });
  const s = hub.subscribe('ana', recorder());
  s.close();
  for (let i = 1; i <= 5; i++) hub.publish('ana', page(`p${i}`));
  const late = hub.subscribe('ana', recorder(), 'r.0');
  assert.deepEqual(late.missed.map((e) => e.data), ['p3', 'p4', 'p5']);
  assert.match(late.notice ?? '', /no longer kept \(the last 3 per user are\)/);
  const recent = hub.subscribe('ana', recorder(), 'r.3');
  assert.deepEqual(recent.missed.map((e) => e.data), ['p4', 'p5']);
  assert.equal(recent.notice, null);
  // A key dropped from the backlog is forgotten: it would be published afresh.
  const live = recorder();
  hub.subscribe('ana', live);
  assert.equal(hub.publish('ana', page('p1')), 3);
  assert.deepEqual(live.got, [{ id: 'r.6', data: 'p1' }]);
});

test('the same key published again never shows twice to a stream; a stream that lacked it gets it late, without an id', () => {
  const hub = new InAppHub({ bootId: 'r' });
  const early = recorder();
  hub.subscribe('ana', early);
  assert.equal(hub.publish('ana', page('dlv-1')), 1);
  const later = recorder();
  hub.subscribe('ana', later);
  hub.publish('ana', page('dlv-2'));
  assert.equal(hub.publish('ana', page('dlv-1')), 2, 'both streams now have it');
  assert.equal(hub.publish('ana', page('dlv-1')), 2);
  assert.deepEqual(early.got, [{ id: 'r.1', data: 'dlv-1' }, { id: 'r.2', data: 'dlv-2' }]);
  assert.deepEqual(later.got, [{ id: 'r.2', data: 'dlv-2' }, { id: null, data: 'dlv-1' }], 'late copy: no id, so its reconnection point stays r.2');
  // Events without a key are never merged.
  assert.equal(hub.publish('ana', page('x', null)), 2);
  assert.equal(hub.publish('ana', page('x', null)), 2);
  assert.equal(early.got.filter((g) => g.data === 'x').length, 2);
});

test('too many streams for one user close the oldest; close() ends them all and refuses new ones', () => {
  const hub = new InAppHub({ bootId: 'r', maxStreamsPerUser: 2 });
  const [a, b, c] = [recorder(), recorder(), recorder()];
  hub.subscribe('ana', a);
  hub.subscribe('ana', b);
  hub.subscribe('ana', c);
  assert.equal(hub.streams('ana'), 2);
  assert.match(a.ended[0] ?? '', /more than 2 open streams for user "ana"/);
  assert.equal(hub.publish('ana', page('p')), 2);
  assert.equal(a.got.length, 0);
  hub.close();
  assert.deepEqual([b.ended, c.ended], [['Vigie is stopping'], ['Vigie is stopping']]);
  assert.equal(hub.streams(), 0);
  assert.equal(hub.publish('ana', page('q')), 0);
  assert.throws(() => hub.subscribe('ana', recorder()), /hub is closed/);
});

test('bad options and empty user ids are refused with what to fix', () => {
  assert.throws(() => new InAppHub({ backlog: 0 }), /backlog must be a whole number from 1 to 100000 \(got 0\)/);
  assert.throws(() => new InAppHub({ maxStreamsPerUser: 1.5 }), /maxStreamsPerUser/);
  assert.throws(() => new InAppHub({ bootId: 'a.b' }), /bootId must be/);
  const hub = new InAppHub();
  assert.match(hub.bootId, /^[A-Za-z0-9_-]+$/);
  assert.notEqual(hub.bootId, new InAppHub().bootId, 'each run has its own boot id');
  assert.throws(() => hub.publish('', page('p')), /userId is empty/);
  assert.throws(() => hub.subscribe('', recorder()), /userId is empty/);
});
