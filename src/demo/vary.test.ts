import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from './prng.ts';
import { ANGRY, compose, fill, stripAccents, typo } from './vary.ts';
import { SLOTS } from './vocab.ts';

test('fill replaces every slot and refuses an unknown one with its name', () => {
  const rng = new Rng(1);
  const text = fill('Mon {cooker} a {minutes} min', SLOTS.fr, rng);
  assert.doesNotMatch(text, /[{}]/);
  assert.throws(() => fill('a {nope}', SLOTS.fr, rng), /\{nope\}/);
});

test('accents are stripped and typos never touch the brand name', () => {
  assert.equal(stripAccents('brûlée à Quimper, écœurée'), 'brulee a Quimper, ecœuree');
  const rng = new Rng(7);
  for (let i = 0; i < 500; i++) {
    const t = typo('Kerlann @KerlannFR #Kerlann autocuiseur dangereux', rng);
    assert.match(t, /^Kerlann @KerlannFR #Kerlann /);
  }
});

test('compose gives varied texts that all keep the brand', () => {
  const rng = new Rng(3);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const t = compose('{brand} mon {cooker} a explosé {when}', SLOTS.fr, rng, ANGRY, { emoji: 'negEmoji', tag: 'crisisTag' });
    assert.match(t, /kerlann/i);
    seen.add(t);
  }
  assert.ok(seen.size > 100, `only ${seen.size} distinct texts`);
});
