import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPath, planUserNotifications, validateUser, type User } from './user.ts';

const SECRET = 'whsec_' + Buffer.alloc(32, 7).toString('base64');

function rawUser(): Record<string, unknown> {
  return {
    id: 'ana',
    name: 'Ana Martin',
    email: 'ana@example.com',
    phone: '+33612345678',
    lang: 'fr',
    timeZone: 'Europe/Paris',
    contacts: [
      { id: 'mail', channel: 'email', target: { to: 'ana@example.com' } },
      { id: 'phone', channel: 'sms', target: { to: '+33612345678' } },
      { id: 'chat', channel: 'slack', target: { url: 'https://hooks.slack.com/services/T0/B0/x' } },
      { id: 'hook', channel: 'webhook', target: { url: 'https://example.com/hook', secret: SECRET } },
    ],
    rules: {
      default: [{ notify: 'mail' }, { wait: 5 }, { notify: 'phone' }],
      important: [{ notify: 'phone' }, { notify: 'chat' }, { wait: 2 }, { wait: 3 }, { notify: 'phone' }],
    },
  };
}

function valid(): User {
  const r = validateUser(rawUser());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.user;
}

function problemsOf(raw: unknown): string[] {
  const r = validateUser(raw);
  assert.equal(r.ok, false, 'expected the user to be refused');
  return r.ok ? [] : r.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
}

test('a well-formed user is accepted, two waits in a row included', () => {
  const u = valid();
  assert.equal(u.contacts.length, 4);
  assert.deepEqual(u.rules.important[3], { wait: 3 });
});

test('unknown contacts, duplicate ids and rules that notify nothing are named by path', () => {
  const raw = rawUser();
  (raw.contacts as unknown[]).push({ id: 'mail', channel: 'email', target: { to: 'other@example.com' } });
  raw.rules = { default: [{ wait: 5 }], important: [{ notify: 'pager' }] };
  const problems = problemsOf(raw);
  assert.ok(problems.includes('contacts[4].id: duplicate contact id "mail" (already used by contacts[0])'), problems.join('\n'));
  assert.ok(problems.includes('rules.default: notifies nothing: add a { notify: <contact id> } step'), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('rules.important[0].notify: unknown contact "pager"; use one of the user\'s contacts (mail, phone')), problems.join('\n'));
  assert.equal(problems.length, 3, problems.join('\n'));
});

test('empty rules, bad waits and malformed steps are refused with their path', () => {
  const raw = rawUser();
  raw.rules = { default: [], important: [{ notify: 'mail' }, { wait: 0 }, { wait: 2.5 }, { call: 'x' }] };
  const problems = problemsOf(raw);
  assert.ok(problems.some((p) => p.startsWith('rules.default: is empty')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('rules.important[1].wait: must be at least 1 minute')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('rules.important[2].wait: must be a whole number')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('rules.important[3]')), problems.join('\n'));
});

test('contact targets are checked per channel kind', () => {
  const raw = rawUser();
  raw.contacts = [
    { id: 'mail', channel: 'email', target: { to: 'Ana <ana@example.com>' } },
    { id: 'phone', channel: 'sms', target: { to: '06 12 34 56 78' } },
    { id: 'chat', channel: 'slack', target: { url: 'http://hooks.slack.com/x' } },
    { id: 'hook', channel: 'webhook', target: { url: 'https://example.com/hook', secret: 'nope!' } },
    { id: 'pager', channel: 'pagerduty', target: {} },
    { id: 'team', channel: 'teams', target: { url: 'https://example.com/wf', extra: 1 } },
  ];
  raw.rules = { default: [{ notify: 'mail' }], important: [{ notify: 'phone' }] };
  const problems = problemsOf(raw);
  const at = (prefix: string): boolean => problems.some((p) => p.startsWith(prefix));
  assert.ok(at('contacts[0].target.to: must be one plain e-mail address'), problems.join('\n'));
  assert.ok(at('contacts[1].target.to: must be a phone number in E.164 form'), problems.join('\n'));
  assert.ok(at('contacts[2].target.url: url: plain http is only allowed for localhost'), problems.join('\n'));
  assert.ok(at('contacts[3].target.secret: secret:'), problems.join('\n'));
  assert.ok(at('contacts[4].channel'), problems.join('\n'));
  assert.ok(at('contacts[5].target.extra: unknown field "extra"'), problems.join('\n'));
});

test('user fields: language, time zone, phone, unknown fields', () => {
  const raw = { ...rawUser(), lang: 'de', timeZone: 'Paris', phone: '0612345678', pager: true };
  delete (raw as Record<string, unknown>).name;
  const problems = problemsOf(raw);
  const at = (prefix: string): boolean => problems.some((p) => p.startsWith(prefix));
  assert.ok(at('lang: must be fr or en'), problems.join('\n'));
  assert.ok(at('timeZone: must be an IANA time zone'), problems.join('\n'));
  assert.ok(at('phone: must be in E.164 form'), problems.join('\n'));
  assert.ok(at('pager: unknown field "pager"'), problems.join('\n'));
  assert.ok(at('name: is required'), problems.join('\n'));
});

test('not an object at all is refused, not a crash', () => {
  assert.ok(problemsOf(null).length > 0);
  assert.ok(problemsOf('ana').length > 0);
  assert.ok(problemsOf({ contacts: 'x', rules: 3 }).length > 0);
});

test('plan: waits accumulate, notifies without a wait go out together', () => {
  const u = valid();
  const t0 = Date.parse('2025-03-01T10:00:00Z');
  const normal = planUserNotifications(u, 'normal', t0);
  assert.deepEqual(
    normal.map((p) => [p.at - t0, p.step, p.contactId, p.channel]),
    [
      [0, 0, 'mail', 'email'],
      [5 * 60_000, 2, 'phone', 'sms'],
    ],
  );
  assert.deepEqual(normal[1]?.target, { to: '+33612345678' });
  const important = planUserNotifications(u, 'important', t0);
  assert.deepEqual(
    important.map((p) => [p.at - t0, p.step, p.contactId]),
    [
      [0, 0, 'phone'],
      [0, 1, 'chat'],
      [5 * 60_000, 4, 'phone'],
    ],
  );
});

test('plan refuses a bad start time and an unvalidated rule', () => {
  const u = valid();
  assert.throws(() => planUserNotifications(u, 'normal', Number.NaN), /startAt/);
  const broken: User = { ...u, rules: { ...u.rules, default: [{ notify: 'ghost' }] } };
  assert.throws(() => planUserNotifications(broken, 'normal', 0), /unknown contact "ghost"/);
});

test('an in-app contact needs no target: it pages its own user', () => {
  const raw = rawUser();
  (raw.contacts as unknown[]).push({ id: 'app', channel: 'inapp' }, { id: 'app2', channel: 'inapp', target: { user: 'ana' } });
  raw.rules = { default: [{ notify: 'app' }], important: [{ notify: 'app' }, { notify: 'app2' }] };
  const r = validateUser(raw);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.deepEqual(r.user.contacts.slice(4), [
    { id: 'app', channel: 'inapp', target: { user: 'ana' } },
    { id: 'app2', channel: 'inapp', target: { user: 'ana' } },
  ]);
  const plan = planUserNotifications(r.user, 'normal', 0);
  assert.deepEqual(plan, [{ at: 0, step: 0, contactId: 'app', channel: 'inapp', target: { user: 'ana' } }]);
});

test('an in-app contact naming another user, or with a malformed target, is refused by path', () => {
  const raw = rawUser();
  (raw.contacts as unknown[]).push(
    { id: 'app', channel: 'inapp', target: { user: 'bob' } },
    { id: 'app2', channel: 'inapp', target: { user: 'has space' } },
    { id: 'app3', channel: 'inapp', target: { user: 'ana', url: 'https://x.example' } },
  );
  const problems = problemsOf(raw);
  const at = (prefix: string): boolean => problems.some((p) => p.startsWith(prefix));
  assert.ok(at('contacts[4].target.user: names user "bob", but an in-app contact can only page its own user "ana"'), problems.join('\n'));
  assert.ok(at('contacts[5].target.user: must be an id'), problems.join('\n'));
  assert.ok(at('contacts[6].target.url: unknown field "url"'), problems.join('\n'));
  assert.ok(problemsOf({ ...rawUser(), contacts: [{ id: 'x', channel: 'pager' }] }).some((p) => p.includes('must be one of email, sms, slack, teams, webhook, inapp')));
});
