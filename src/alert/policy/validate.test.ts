import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPath, validateAlerting, type AlertingInput } from './validate.ts';

const good = (): AlertingInput => ({
  users: ['alice', 'bob'],
  schedules: ['primary'],
  channels: ['slack-ops'],
  teams: [{ id: 'comms', name: 'Communication', members: ['alice', 'bob'], defaultPolicy: 'standard' }],
  policies: [
    {
      id: 'standard',
      name: 'Standard',
      steps: [
        { kind: 'notify', targets: [{ schedule: 'primary' }, { channel: 'slack-ops' }] },
        { kind: 'wait', minutes: 5 },
        { kind: 'notify', targets: [{ team: 'comms' }], urgency: 'important' },
        { kind: 'repeat', fromStep: 1, times: 2 },
      ],
    },
  ],
  routing: {
    routes: [{ id: 'critical', when: { minSeverity: 'SEV2' }, team: 'comms', policy: 'standard' }],
    default: { team: 'comms' },
  },
});

const problemsOf = (input: AlertingInput): string[] => {
  const r = validateAlerting(input);
  assert.equal(r.ok, false, 'expected problems');
  return r.ok ? [] : r.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
};

test('a valid configuration parses, with defaults filled in', () => {
  const r = validateAlerting(good());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  const step = r.config.policies[0]?.steps[0];
  assert.equal(step?.kind === 'notify' && step.urgency, 'normal');
});

test('every problem is reported with its path: unknown references of each kind', () => {
  const input = good();
  input.teams = [{ id: 'comms', name: 'Communication', members: ['alice', 'zoe'], defaultPolicy: 'nope' }];
  input.policies = [
    {
      id: 'standard',
      name: 'Standard',
      steps: [{ kind: 'notify', targets: [{ schedule: 'secondary' }, { channel: 'teams-x' }, { team: 'legal' }, { user: 'carl' }] }],
    },
  ];
  input.routing = { routes: [{ id: 'r1', team: 'support', policy: 'ghost' }], default: { team: 'comms', policy: 'gone' } };
  assert.deepEqual(problemsOf(input), [
    'teams[0].members[1]: unknown user "zoe"',
    'teams[0].defaultPolicy: unknown policy "nope"',
    'policies[0].steps[0].targets[0].schedule: unknown schedule "secondary"',
    'policies[0].steps[0].targets[1].channel: unknown channel "teams-x"',
    'policies[0].steps[0].targets[2].team: unknown team "legal"',
    'policies[0].steps[0].targets[3].user: unknown user "carl"',
    'routing.routes[0].team: unknown team "support"',
    'routing.routes[0].policy: unknown policy "ghost"',
    'routing.default.policy: unknown policy "gone"',
  ]);
});

test('repeat cycles, empty steps, impossible hours and shape errors are refused, naming the field', () => {
  const input = good();
  input.policies = [
    {
      id: 'p1',
      name: 'Self',
      steps: [
        { kind: 'notify', targets: [{ user: 'alice' }] },
        { kind: 'repeat', fromStep: 2, times: 1 },
        { kind: 'repeat', fromStep: 5, times: 1 },
      ],
    },
    { id: 'p2', name: 'Empty', steps: [] },
    {
      id: 'p3',
      name: 'Bad',
      steps: [
        { kind: 'wait', minutes: 0 },
        { kind: 'workingHours', hours: { timeZone: 'Europe/Paris', days: ['mon'], from: '25:00', to: '10:00' } },
        { kind: 'workingHours', hours: { timeZone: 'Europe/Paris', days: ['mon'], from: '10:00', to: '10:00' } },
        { kind: 'page' },
        { kind: 'notify', targets: [{ user: 'alice', team: 'comms' }], urgency: 'high', extra: 1 },
        { kind: 'webhook', url: 'ftp://x' },
        { kind: 'webhook', channel: 'nope' },
      ],
    },
    {
      id: 'p4',
      name: 'Only waits repeat',
      steps: [{ kind: 'notify', targets: [{ user: 'alice' }] }, { kind: 'wait', minutes: 1 }, { kind: 'repeat', fromStep: 2, times: 3 }],
    },
    { id: 'p4', name: 'No page', steps: [{ kind: 'declareIncident' }] },
  ];
  input.teams = [{ id: 'comms', name: 'Communication', members: ['alice'], defaultPolicy: 'p1' }];
  input.routing = { routes: [], default: { team: 'comms' } };
  assert.deepEqual(problemsOf(input), [
    'policies[4].id: duplicate id "p4" (already used by policies[3])',
    'policies[0].steps[1].fromStep: repeat jumps to itself (step 2): that is a cycle; fromStep must point to an earlier step (1 to 1)',
    'policies[0].steps[2].fromStep: repeat jumps forward to step 5 from step 3: that is a cycle; fromStep must point to an earlier step (1 to 2)',
    'policies[1].steps: a policy needs at least one step',
    'policies[2].steps[0].minutes: must be at least 1 minute',
    'policies[2].steps[1].hours.from: must be a time of day HH:MM between 00:00 and 23:59 (e.g. "09:00")',
    'policies[2].steps[2].hours.to: from and to are equal: the window would be empty (use 00:00 to 23:59 for all day)',
    'policies[2].steps[3].kind: must be one of notify, wait, repeat, workingHours, webhook, declareIncident (got "page")',
    'policies[2].steps[4].targets[0]: a target names exactly one of user, schedule, team or channel (e.g. { schedule: primary })',
    'policies[2].steps[4].urgency: must be normal or important',
    'policies[2].steps[4].extra: unknown field "extra" (check its spelling)',
    'policies[2].steps[5].channel: is required (a string)',
    'policies[2].steps[5].url: unknown field "url" (check its spelling)',
    'policies[2].steps[6].channel: unknown channel "nope"; a webhook step calls a shared webhook channel (channels: <id>: { channel: webhook, target: { url, secret } })',
    'policies[3].steps[2].fromStep: the repeated steps 2–2 notify no one; start the repeat at a notify step',
    'policies[4].steps: the policy notifies no one: add a notify step',
  ]);
});

test('routes: unreachable after a catch-all, duplicate ids, missing routing, missing fields', () => {
  const input = good();
  input.routing = {
    routes: [
      { id: 'all', team: 'comms' },
      { id: 'fr', when: { languages: ['fr'], sources: ['tiktok'] }, team: 'comms' },
      { id: 'all', when: { brands: [] }, team: 'comms' },
    ],
    default: {},
  };
  assert.deepEqual(problemsOf(input), [
    'routing.routes[1].when.sources[0]: must be one of x, bluesky, mastodon, reddit, rss, webhook, csv (got "tiktok")',
    'routing.routes[2].when.brands: an empty list matches nothing: remove the condition or list values',
    'routing.default.team: is required (a string)',
  ]);
  input.routing = {
    routes: [
      { id: 'all', team: 'comms' },
      { id: 'all', when: { brands: ['acme'] }, team: 'comms' },
    ],
    default: { team: 'comms' },
  };
  assert.deepEqual(problemsOf(input), [
    'routing.routes[1].id: duplicate id "all" (already used by routing.routes[0])',
    'routing.routes[1]: route "all" can never match: route "all" before it has no condition and matches everything',
  ]);
  assert.deepEqual(problemsOf({ ...good(), routing: undefined, teams: 'x' }), [
    'teams: must be a list (got "x")',
    'routing: is required: give at least a default route (routing.default.team)',
  ]);
});

test('policies whose repeats unroll too far are refused', () => {
  const input = good();
  const notify = { kind: 'notify', targets: [{ user: 'alice' }] };
  input.policies = [
    {
      id: 'standard',
      name: 'Huge',
      steps: [notify, notify, { kind: 'repeat', fromStep: 1, times: 10 }, { kind: 'repeat', fromStep: 1, times: 10 }, { kind: 'repeat', fromStep: 1, times: 10 }],
    },
  ];
  const problems = problemsOf(input);
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /^policies\[0\]\.steps: the repeats unroll to \d+ steps \(at most 500\)/);
});
