/**
 * Test support (not a test): a valid alerting file about an invented brand (Lumen Coffee), whose
 * users and shared channel are reached by signed webhooks at `hookUrl` (a local test receiver).
 */

import type { WorkspaceId } from '../domain/ids.ts';
import type { Signal } from '../domain/signal.ts';

/** A fixed webhook secret for tests (`whsec_` + base64 of 32 bytes). */
export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

export function alertingFileYaml(hookUrl: string): string {
  return `# Alerting of the Lumen Coffee workspace (test fixture)
users:
  - id: ana
    name: Ana Martin
    lang: fr
    timeZone: Europe/Paris
    contacts:
      - id: ana-hook
        channel: webhook
        target: { url: "${hookUrl}?to=ana", secret: "${TEST_WEBHOOK_SECRET}" }
    rules:
      default: [{ notify: ana-hook }]
      important: [{ notify: ana-hook }]
  - id: ben
    name: Ben Okafor
    lang: en
    timeZone: Europe/London
    contacts:
      - id: ben-hook
        channel: webhook
        target: { url: "${hookUrl}?to=ben", secret: "${TEST_WEBHOOK_SECRET}" }
    rules:
      default: [{ notify: ben-hook }]
      important: [{ notify: ben-hook }]
schedules:
  - id: primary
    name: Primary
    timeZone: Europe/Paris
    layers:
      - id: weekly
        participants: [ana, ben]
        start: "2024-04-29T09:00"
        rotation: { length: 1 week }
channels:
  crisis-room:
    channel: webhook
    target: { url: "${hookUrl}?to=room", secret: "${TEST_WEBHOOK_SECRET}" }
teams:
  - id: comms
    name: Communication
    members: [ana, ben]
    defaultPolicy: standard
policies:
  - id: standard
    name: Standard
    steps:
      - kind: notify
        targets: [{ schedule: primary }]
      - kind: wait
        minutes: 10
      - kind: notify
        targets: [{ team: comms }, { channel: crisis-room }]
routing:
  default:
    team: comms
options:
  windowMinutes: 60
lang: en
drillTargets: [ben-hook]
`;
}

/** Signal `i` of the test brand "lumen": opened i minutes after `now`, SEV2, negative mentions 8× the usual level. */
export function lumenSignal(ws: WorkspaceId, now: number, i: number, over: Partial<Signal> = {}): Signal {
  const at = now + i * 60_000;
  return {
    id: `sig-${i}`, workspaceId: ws, brandId: 'lumen', kind: 'negative_volume', status: 'open', startedAt: at, updatedAt: at,
    endedAt: null, bucketMs: 60_000, score: 0.9, severity: 'SEV2',
    factors: [{ name: 'anomaly', value: 8, points: 3, detail: 'negative mentions 8× the usual level' }],
    observed: 40, expected: 5, summary: 'Negative mentions 8× the usual level', evidence: null, drill: false, ...over,
  };
}
