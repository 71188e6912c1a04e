/**
 * Test support (not a test): a valid alerting file about an invented brand (Lumen Coffee), whose
 * users and shared channel are reached by signed webhooks at `hookUrl` (a local test receiver).
 */

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
