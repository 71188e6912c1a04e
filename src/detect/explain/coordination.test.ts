import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../demo/prng.ts';
import type { Author } from '../../domain/mention.ts';
import { EvidenceSchema, type Storyline } from '../../domain/signal.ts';
import type { ExplainableMention } from '../types.ts';
import { createBrandExplainer } from './explainer.ts';
import { HOUR_MS, mention, type MentionSpec, MINUTE_MS, STREAM_START, StreamBuilder } from './test-stream.ts';

const DAY = 24 * HOUR_MS;
const AT = STREAM_START + 3 * HOUR_MS;

function withProfile(spec: MentionSpec, profile: Partial<Author>): ExplainableMention {
  const m = mention(spec);
  return { ...m, author: { ...m.author, ...profile } };
}

/** Three hours of chatter (no profile data, as test-stream writes it), then the events. */
function run(events: readonly ExplainableMention[]): Storyline[] {
  const b = new StreamBuilder(21);
  b.baseline(STREAM_START, AT + 30 * MINUTE_MS, 3);
  const ex = createBrandExplainer();
  for (const m of [...b.out, ...events].sort((x, y) => x.createdAt - y.createdAt)) ex.observe(m);
  const ev = ex.explain(AT, AT + 15 * MINUTE_MS);
  assert.equal(EvidenceSchema.safeParse(ev).success, true);
  for (const s of ev.storylines) assert.ok(s.coordination !== undefined, 'every storyline has its score');
  return ev.storylines;
}

const rng = new Rng(8);
const BOT_TEXT = 'Les autocuiseurs Kerlann explosent et la marque cache tout, boycott immédiat de Kerlann, partagez avant suppression #BoycottKerlann';
const EMOJI = ['', ' 🔥', ' !!', ' 😡', ' ⚠️', ' #rappel'];

test('a coordinated burst (near-identical texts, 3-day-old accounts, 5 followers, 2 minutes) is suspected', () => {
  const burst = Array.from({ length: 60 }, (_, k) =>
    withProfile(
      { id: `x:bot${k}`, text: `${BOT_TEXT}${rng.pick(EMOJI)}`, createdAt: AT + 5 * MINUTE_MS + k * 2000, authorId: `x:bot${k}`, handle: `kz${rng.int(1e5, 1e6)}`, followers: 5 },
      { accountCreatedAt: AT - 3 * DAY, posts: rng.int(5, 300), following: rng.int(200, 900), listed: 0, bio: '' },
    ),
  );
  const dup = run(burst).find((s) => s.representative.text.startsWith('Les autocuiseurs Kerlann explosent'));
  assert.ok(dup !== undefined && dup.kind === 'near_duplicate');
  assert.equal(dup.size, 60);
  assert.equal(dup.coordination?.level, 'suspected', JSON.stringify(dup.coordination));
  assert.ok(dup.coordination.reasons.includes('60 of 60 posts from accounts under 30 days old'), dup.coordination.reasons.join('; '));
  assert.ok(dup.coordination.reasons.some((r) => r.startsWith('60 posts in 2 min')), dup.coordination.reasons.join('; '));
});

test('an organic backlash (a viral post reposted, a headline shared, by old ordinary accounts) is organic', () => {
  const person = (k: number): Partial<Author> => ({
    accountCreatedAt: AT - rng.int(300, 4000) * DAY,
    posts: rng.int(100, 30_000),
    following: rng.int(50, 1500),
    listed: rng.int(0, 4),
    bio: rng.chance(0.8) ? `Cuisine, vélo et Bretagne #${k}` : null,
  });
  const events: ExplainableMention[] = [];
  const root = 'x:root';
  events.push(withProfile({ id: root, text: 'Mon autocuiseur Kerlann a explosé ce midi, le couvercle est au plafond. Plus jamais.', createdAt: AT + MINUTE_MS, handle: 'lea', followers: 2400 }, person(0)));
  for (let k = 0; k < 120; k++) {
    events.push(
      withProfile(
        { id: `x:rt${k}`, text: 'RT @lea: Mon autocuiseur Kerlann a explosé ce midi', createdAt: AT + 2 * MINUTE_MS + k * 4000, authorId: `x:p${k}`, handle: `p${k}`, followers: Math.round(rng.logNormal(250, 1)), repostOf: root },
        person(k),
      ),
    );
  }
  const headline = 'Autocuiseurs Kerlann : enquête ouverte après plusieurs explosions de couvercles https://ouest.example/kerlann';
  for (let k = 0; k < 40; k++) {
    events.push(
      withProfile({ id: `x:share${k}`, text: headline, createdAt: AT + 4 * MINUTE_MS + k * 6000, authorId: `x:s${k}`, handle: `s${k}`, followers: Math.round(rng.logNormal(300, 1)) }, person(k)),
    );
  }
  const stories = run(events);
  const chain = stories.find((s) => s.kind === 'repost_chain' && s.representative.mentionId === root);
  const shared = stories.find((s) => s.kind === 'near_duplicate' && s.representative.text === headline);
  assert.ok(chain !== undefined && shared !== undefined);
  assert.equal(chain.size, 121);
  assert.equal(shared.size, 40);
  for (const s of [chain, shared]) assert.equal(s.coordination?.level, 'organic', JSON.stringify(s.coordination));
});

test('storylines whose authors have no profile data score low and say so', () => {
  const events = Array.from({ length: 50 }, (_, k) =>
    mention({ id: `x:u${k}`, text: `${BOT_TEXT}${rng.pick(EMOJI)}`, createdAt: AT + 5 * MINUTE_MS + k * 2000, authorId: `bluesky:u${k}`, followers: null }),
  );
  const dup = run(events).find((s) => s.representative.text.startsWith('Les autocuiseurs Kerlann explosent'));
  assert.ok(dup !== undefined);
  assert.equal(dup.coordination?.level, 'organic');
  assert.equal(dup.coordination.score, 0);
  assert.match(dup.coordination.reasons.join(' '), /profile data unknown/);
});

test('a story spread over several minutes adds up its members’ profiles across slots', () => {
  // 10 bot posts a minute for 6 minutes: six slots' clusters, joined into one story.
  const burst = Array.from({ length: 60 }, (_, k) =>
    withProfile(
      { id: `x:b${k}`, text: `${BOT_TEXT}${rng.pick(EMOJI)}`, createdAt: AT + 2 * MINUTE_MS + k * 6000, authorId: `x:b${k}`, followers: 3 },
      { accountCreatedAt: AT - 2 * DAY, posts: 1000, bio: null },
    ),
  );
  const dup = run(burst).find((s) => s.representative.text.startsWith('Les autocuiseurs Kerlann explosent'));
  assert.equal(dup?.size, 60);
  assert.ok(dup.coordination?.reasons.includes('60 of 60 posts from accounts posting more than 72 times a day'), dup.coordination?.reasons.join('; '));
  assert.equal(dup.coordination?.level, 'suspected');
});
