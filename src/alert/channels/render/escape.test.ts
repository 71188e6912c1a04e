/** Tests of the shared text helpers: escaping, URL checks, one-line and bounded text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, oneLine, safeHttpUrl, truncate } from './escape.ts';
import { formatInstant, labels, severityText } from './labels.ts';

describe('render helpers', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    assert.equal(escapeHtml('plain é 😬'), 'plain é 😬');
  });

  it('accepts only absolute http(s) URLs', () => {
    assert.equal(safeHttpUrl('https://a.example/p?q=1'), 'https://a.example/p?q=1');
    assert.equal(safeHttpUrl('HTTP://A.example'), 'http://a.example/');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', '/relative', 'not a url', '', null, undefined]) {
      assert.equal(safeHttpUrl(bad), null, String(bad));
    }
  });

  it('collapses control characters and line breaks to single spaces', () => {
    assert.equal(oneLine(' a\r\n\tb\u2028c\u0000d  '), 'a b c d');
  });

  it('truncates to the limit with an ellipsis and never splits an emoji', () => {
    assert.equal(truncate('abcdef', 6), 'abcdef');
    assert.equal(truncate('abcdef', 4), 'abc…');
    const cut = truncate('ab😬cd', 4); // cutting after "ab" + high surrogate would split the emoji
    assert.equal(cut, 'ab…');
    assert.throws(() => truncate('x', 0), /max must be an integer ≥ 1/);
  });

  it('has every label in both languages and formats instants per language', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const [k, v] of Object.entries(labels(lang))) {
        if (typeof v === 'string') assert.ok(v.length > 0, `${lang}.${k}`);
        else for (const [k2, v2] of Object.entries(v)) assert.ok(String(v2).length > 0, `${lang}.${k}.${k2}`);
      }
    }
    assert.equal(severityText('SEV1', 'fr'), 'SEV1 · Critique');
    assert.equal(severityText('SEV4', 'en'), 'SEV4 · Watch');
    const t = Date.UTC(2026, 2, 29, 0, 30); // Paris switches to summer time at 02:00 that night
    assert.equal(formatInstant(t, 'en'), '29 Mar 2026, 00:30 UTC');
    assert.equal(formatInstant(t, 'fr', 'Europe/Paris'), '29 mars 2026, 01:30 Europe/Paris');
  });
});
