/** Tests of the e-mail rendering that need no server: subject bounds, sample limits, urgency. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertMessage } from '../../message.ts';
import { emailSubject, renderEmail } from './template.ts';

const base: AlertMessage = {
  alertId: 'a', deliveryId: 'd', workspaceId: 'w', brand: { id: 'b', name: 'Brand' }, severity: 'SEV4', kind: 'feed_quiet',
  title: 'Mentions stopped', why: [], samples: [], url: 'https://v.example/a', ackUrl: 'https://v.example/k', startedAt: 0,
  urgency: 'normal', drill: false, lang: 'en',
};

describe('email template', () => {
  it('bounds the subject to 200 characters on one line, keeping the DRILL prefix', () => {
    const s = emailSubject({ ...base, drill: true, title: 'long\n'.repeat(100) });
    assert.ok(s.length <= 200);
    assert.ok(s.startsWith('[DRILL] [SEV4 · Watch] Brand: long long'));
    assert.ok(!/[\r\n]/.test(s));
  });

  it('shows at most maxSamples posts, cut to 280 characters, and omits empty sections', () => {
    const samples = Array.from({ length: 6 }, (_, i) => ({ text: `post${i} ` + 'x'.repeat(400), author: null, url: null }));
    const r = renderEmail({ ...base, samples }, { maxSamples: 2 });
    assert.ok(r.text.includes('post1') && !r.text.includes('post2'));
    assert.ok(r.text.includes('- unknown author: "post0 '));
    assert.ok(!r.text.includes('x'.repeat(280)));
    assert.ok(!r.text.includes('Why:'), 'no empty "Why" section');
    assert.ok(!r.html.includes('<ul>'));
  });

  it('marks important pages and the kind in both languages', () => {
    assert.match(renderEmail({ ...base, urgency: 'important' }).text, /Severity: SEV4 · Watch \(Listening went quiet\); Important page/);
    assert.match(renderEmail({ ...base, urgency: 'important', lang: 'fr' }).text, /Gravité\u00a0: SEV4 · Veille \(L'écoute est devenue silencieuse\); Page importante/);
  });
});
