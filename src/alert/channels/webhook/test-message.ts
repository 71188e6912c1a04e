/** Test helper: an AlertMessage about an invented brand, with overridable fields. */
import type { AlertMessage } from '../../message.ts';

export function testMessage(over: Partial<AlertMessage> = {}): AlertMessage {
  return {
    alertId: 'alr_test_42',
    deliveryId: 'dlv_alr_test_42_s1_a1',
    workspaceId: 'ws_test',
    brand: { id: 'br_pelican', name: 'Pelican Bikes' },
    severity: 'SEV1',
    kind: 'negative_volume',
    title: 'Negative mentions 6× the usual level in 15 min',
    why: ['612 negative mentions (usual 95)', 'A media account with 2.1M followers joined'],
    samples: [
      { text: 'My Pelican e-bike battery caught fire <b>twice</b> & nobody answers', author: '@rider_jo', url: 'https://social.example/p/1' },
      { text: 'Recall when? @channel', author: null, url: null },
    ],
    url: 'https://vigie.example/alerts/alr_test_42',
    ackUrl: 'https://vigie.example/ack/alr_test_42?exp=1700003600&sig=abc',
    startedAt: Date.UTC(2026, 0, 15, 9, 30),
    urgency: 'important',
    drill: false,
    lang: 'en',
    ...over,
  };
}
