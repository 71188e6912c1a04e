import { test } from 'node:test';
import assert from 'node:assert/strict';
import { route, type RoutingInput } from './route.ts';
import { RoutingConfigSchema } from './schema.ts';

const config = RoutingConfigSchema.parse({
  routes: [
    { id: 'safety-fr', when: { minSeverity: 'SEV2', categories: ['product_safety'], languages: ['fr'] }, team: 'crisis', policy: 'urgent' },
    { id: 'acme-x', when: { brands: ['acme'], sources: ['x'] }, team: 'social' },
    {
      id: 'office',
      when: { hours: { timeZone: 'Europe/Paris', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' } },
      team: 'comms',
      policy: 'office',
    },
  ],
  default: { team: 'oncall', policy: 'standard' },
});
const teams = [{ id: 'social', name: 'Social', members: ['a'], defaultPolicy: 'social-policy' }];

const base: RoutingInput = {
  brandId: 'globex',
  severity: 'SEV3',
  categories: [],
  lang: 'en',
  source: 'reddit',
  at: Date.parse('2025-01-18T12:00:00Z'), // a Saturday
};

test('first match wins, with the conditions that matched', () => {
  const d = route(config, { ...base, brandId: 'acme', source: 'x', severity: 'SEV1', categories: ['product_safety'], lang: 'fr' });
  assert.equal(d.routeId, 'safety-fr');
  assert.equal(d.team, 'crisis');
  assert.equal(d.policy, 'urgent');
  assert.equal(d.reason, 'route "safety-fr" matched: severity SEV1 at or above SEV2; category product_safety; language fr');
  assert.deepEqual(d.skipped, []);
});

test('severity below the minimum skips a route; a route without policy uses the team default', () => {
  const d = route(config, { ...base, brandId: 'acme', source: 'x', severity: 'SEV3', categories: ['product_safety'], lang: 'fr' }, teams);
  assert.equal(d.routeId, 'acme-x');
  assert.equal(d.policy, 'social-policy');
  assert.deepEqual(d.skipped, [{ routeId: 'safety-fr', failed: 'severity SEV3 below SEV2' }]);
  // Without the teams, the policy is unknown here (the engine resolves it).
  assert.equal(route(config, { ...base, brandId: 'acme', source: 'x' }).policy, null);
});

test('time conditions use the route hours; otherwise the default route, with why each route failed', () => {
  const weekday = route(config, { ...base, at: Date.parse('2025-01-14T10:00:00Z') });
  assert.equal(weekday.routeId, 'office');
  const d = route(config, base);
  assert.equal(d.routeId, null);
  assert.equal(d.team, 'oncall');
  assert.equal(d.policy, 'standard');
  assert.equal(d.reason, 'no route matched (3 tried): default route');
  assert.deepEqual(d.skipped, [
    { routeId: 'safety-fr', failed: 'severity SEV3 below SEV2' },
    { routeId: 'acme-x', failed: 'brand globex not in [acme]' },
    { routeId: 'office', failed: 'outside hours mon,tue,wed,thu,fri 09:00–18:00 Europe/Paris' },
  ]);
  assert.equal(route(config, { ...base, severity: 'SEV1', lang: null, categories: ['product_safety'] }).skipped[0]?.failed, 'language unknown not in [fr]');
  assert.equal(route({ routes: [], default: { team: 't' } }, base).reason, 'no routes are defined: default route');
});
