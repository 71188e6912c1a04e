import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertingConfigError } from './validate.ts';
import { dumpAlertingYaml, loadAlertingYaml } from './yaml.ts';

const known = { users: ['alice', 'bob'], schedules: ['primary'], channels: ['slack-ops', 'status-page'] };

const GOOD = `# Alerting for the ACME workspace
teams:
  - id: comms
    name: Communication
    members: [alice, bob]
    defaultPolicy: standard
policies:
  - id: standard
    name: Standard
    steps:
      - kind: notify
        targets:
          - schedule: primary
          - channel: slack-ops
        urgency: important
      - kind: wait
        minutes: 10
      - kind: repeat
        fromStep: 1
        times: 2
  - id: office
    name: Office hours only
    steps:
      - kind: workingHours
        hours: { timeZone: Europe/Paris, days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00" }
      - kind: notify
        targets: [{ team: comms }]
      - kind: webhook
        channel: status-page
      - kind: declareIncident
routing:
  routes:
    - id: safety-fr
      when:
        brands: [acme]
        minSeverity: SEV2
        categories: [product_safety]
        languages: [fr]
        sources: [x, bluesky]
      team: comms
      policy: standard
    - id: office
      when:
        hours: { timeZone: Europe/Paris, days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00" }
      team: comms
      policy: office
  default:
    team: comms
`;

function errorsOf(text: string): string[] {
  try {
    loadAlertingYaml(text, 'alerting.yaml', known);
  } catch (e) {
    assert.ok(e instanceof AlertingConfigError, String(e));
    return [...e.problems];
  }
  assert.fail('expected the file to be refused');
}

test('a valid file loads, and export → import gives back the same configuration', () => {
  const config = loadAlertingYaml(GOOD, 'alerting.yaml', known);
  assert.equal(config.policies.length, 2);
  assert.equal(config.routing.routes[1]?.when.hours?.timeZone, 'Europe/Paris');
  const dumped = dumpAlertingYaml(config);
  const again = loadAlertingYaml(dumped, 'export.yaml', known);
  assert.deepEqual(again, config);
  assert.equal(dumpAlertingYaml(again), dumped);
  // Times stay strings (YAML 1.1 would have read 09:00 as a sexagesimal number).
  assert.match(dumped, /from: "09:00"|from: 09:00/);
});

test('several errors at once, each naming file:line:column and the field', () => {
  const text = `teams:
  - id: comms
    name: Communication
    members: [alice, zoe]
    defaultPolicy: standard
policies:
  - id: standard
    name: Standard
    steps:
      - kind: notify
        targets: [{ schedule: nightly }]
      - kind: wait
        minutes: 0
      - kind: repeat
        fromStep: 3
        times: 2
      - kind: workingHours
        hours: { timeZone: Europe/Paris, days: [mon], from: "25:00", to: "10:00" }
      - kind: notify
        targets: [{ user: alice }]
        urgnecy: important
routing:
  routes:
    - id: r1
      team: legal
  default:
    team: comms
colour: blue
`;
  assert.deepEqual(errorsOf(text), [
    'alerting.yaml:4:22: teams[0].members[1]: unknown user "zoe"',
    'alerting.yaml:11:31: policies[0].steps[0].targets[0].schedule: unknown schedule "nightly"',
    'alerting.yaml:13:18: policies[0].steps[1].minutes: must be at least 1 minute',
    'alerting.yaml:15:19: policies[0].steps[2].fromStep: repeat jumps to itself (step 3): that is a cycle; fromStep must point to an earlier step (1 to 2)',
    'alerting.yaml:18:61: policies[0].steps[3].hours.from: must be a time of day HH:MM between 00:00 and 23:59 (e.g. "09:00")',
    'alerting.yaml:21:18: policies[0].steps[4].urgnecy: unknown field "urgnecy" (check its spelling)',
    'alerting.yaml:25:13: routing.routes[0].team: unknown team "legal"',
    'alerting.yaml:28:9: colour: unknown top-level key "colour" (expected teams, policies, routing)',
  ]);
});

test('a missing field points at its parent mapping; a key with no value at the key', () => {
  const text = `teams:
  - id: comms
    members: [alice]
    defaultPolicy: standard
policies:
routing:
  default:
    team: comms
`;
  assert.deepEqual(errorsOf(text), [
    'alerting.yaml:2:5: teams[0].name: is required (a string)',
  ]);
  assert.deepEqual(errorsOf(`teams: []\npolicies: []\nrouting:\n`), [
    'alerting.yaml:3:1: routing: is required: give at least a default route (routing.default.team)',
  ]);
});

test('YAML syntax errors and non-mapping files are refused with their position', () => {
  const syntax = errorsOf('teams:\n  - id: comms\n    name: [unclosed\npolicies: []\n');
  assert.equal(syntax.length >= 1, true);
  assert.match(syntax[0] ?? '', /^alerting\.yaml:\d+:\d+: YAML syntax error: /);
  assert.match(errorsOf('teams: []\nteams: []\n')[0] ?? '', /^alerting\.yaml:2:1: YAML syntax error: .*[Uu]nique/);
  assert.deepEqual(errorsOf('- a\n- b\n'), ['alerting.yaml:1:1: the file must be a mapping with teams, policies, routing (got a list)']);
  assert.deepEqual(errorsOf(''), ['alerting.yaml:1:1: the file must be a mapping with teams, policies, routing (got an empty file)']);
});
