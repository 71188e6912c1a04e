import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Sentiment from 'sentiment';
import { NewBrandSchema } from '../domain/brand.ts';
import { parisHour, parisWeekday } from './paris-time.ts';
import { generateScenario, writeScenario } from './scenario.ts';
import { snowflakeMs } from './snowflake.ts';
import { NEGATIVE_WORDS } from './texts-crisis.ts';

interface Row {
  id: string;
  ms: number;
  text: string;
  lang: string;
  authorId: string;
  followers: number;
  verified: boolean;
  ref: string | null;
  editHistory: string[];
  note: boolean;
}

interface Msg {
  data: {
    id: string;
    text: string;
    created_at: string;
    author_id: string;
    lang: string;
    conversation_id: string;
    public_metrics: Record<string, number>;
    referenced_tweets?: Array<{ type: string; id: string }>;
    edit_history_tweet_ids: string[];
    note_tweet?: { text: string };
  };
  includes: { users: Array<{ id: string; username: string; verified: boolean; public_metrics: { followers_count: number } }> };
  matching_rules: Array<{ id: string; tag: string }>;
}

const hashOf = (lines: Iterable<string>): string => {
  const h = createHash('sha256');
  for (const l of lines) h.update(l + '\n');
  return h.digest('hex');
};

// One full default scenario, parsed once, for the statistical tests below.
const scenario = generateScenario();
const truth = scenario.truth;
const rows: Row[] = [];
const structureErrors: string[] = [];
let previousMs = 0;
for (const line of scenario.lines()) {
  const m = JSON.parse(line) as Msg;
  const d = m.data;
  const ms = Date.parse(d.created_at);
  const where = `line ${rows.length + 1} (${d.id})`;
  if (!/^\d{19}$/.test(d.id)) structureErrors.push(`${where}: id is not a 19-digit snowflake`);
  if (Math.floor(snowflakeMs(d.id) / 1000) * 1000 !== ms) structureErrors.push(`${where}: id does not match created_at`);
  if (snowflakeMs(d.id) < previousMs) structureErrors.push(`${where}: out of order`);
  previousMs = snowflakeMs(d.id);
  const author = m.includes.users.find((u) => u.id === d.author_id);
  if (author === undefined) structureErrors.push(`${where}: author not in includes.users`);
  if (m.matching_rules[0]?.tag !== 'kerlann') structureErrors.push(`${where}: no kerlann rule tag`);
  if (typeof d.conversation_id !== 'string' || typeof d.public_metrics.like_count !== 'number') structureErrors.push(`${where}: fields missing`);
  const rt = d.referenced_tweets?.find((r) => r.type === 'retweeted');
  if (rt !== undefined && !d.text.startsWith('RT @')) structureErrors.push(`${where}: a retweet without "RT @"`);
  if (Array.from(d.text).length > 281) structureErrors.push(`${where}: text longer than 280 without being cut`);
  rows.push({
    id: d.id,
    ms,
    text: d.note_tweet?.text ?? d.text,
    lang: d.lang,
    authorId: d.author_id,
    followers: author?.public_metrics.followers_count ?? -1,
    verified: author?.verified ?? false,
    ref: d.referenced_tweets?.[0]?.type ?? null,
    editHistory: d.edit_history_tweet_ids,
    note: d.note_tweet !== undefined,
  });
}
const crisisIds = new Set(truth.crisisPostIds.map((id) => id.slice(2)));
const noiseIds = new Set(truth.noisePostIds.map((id) => id.slice(2)));
const brandRows = rows.filter((r) => !noiseIds.has(r.id));
const baselineRows = rows.filter((r) => r.ms < truth.onsetMs && !noiseIds.has(r.id));
const HOUR = 3_600_000;

test('the same seed gives byte-identical lines, another seed other lines', () => {
  const a = hashOf(generateScenario({ seed: 11, baselineDays: 2 }).lines());
  const b = hashOf(generateScenario({ seed: 11, baselineDays: 2 }).lines());
  const c = hashOf(generateScenario({ seed: 12, baselineDays: 2 }).lines());
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('every line is an X stream message with a snowflake matching created_at, in ascending order', () => {
  assert.deepEqual(structureErrors.slice(0, 5), []);
  assert.equal(rows.length, truth.counts.total);
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
  assert.ok(rows.length >= 30_000 && rows.length <= 60_000, `${rows.length} posts`);
  for (const kind of ['retweeted', 'replied_to', 'quoted']) assert.ok(rows.some((r) => r.ref === kind), `a ${kind} post`);
});

test('there is a long post (note_tweet) and an edited post whose first version came earlier', () => {
  assert.ok(rows.filter((r) => r.note).length >= 2);
  const edits = rows.filter((r) => r.editHistory.length === 2);
  assert.ok(edits.length >= 2);
  for (const e of edits) {
    const original = rows.findIndex((r) => r.id === e.editHistory[0]);
    assert.ok(original >= 0 && original < rows.indexOf(e), 'the original is in the stream before its edit');
    assert.equal(e.editHistory[1], e.id);
  }
});

test('baseline: nights are much quieter than evenings, and weekends differ from weekdays', () => {
  const byHour = new Array<number>(24).fill(0);
  for (const r of baselineRows) byHour[parisHour(r.ms)]! += 1;
  const night = (byHour[2] ?? 0) + (byHour[3] ?? 0) + (byHour[4] ?? 0);
  const evening = (byHour[19] ?? 0) + (byHour[20] ?? 0) + (byHour[21] ?? 0);
  assert.ok(night * 8 < evening, `night ${night} evening ${evening}`);
  const perDay = new Map<string, { n: number; weekend: boolean }>();
  for (const r of baselineRows) {
    const key = new Date(r.ms + 3_600_000).toISOString().slice(0, 10);
    const wd = parisWeekday(r.ms);
    const d = perDay.get(key) ?? { n: 0, weekend: wd === 0 || wd === 6 };
    d.n++;
    perDay.set(key, d);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const full = [...perDay.values()].slice(0, 7);
  const weekend = mean(full.filter((d) => d.weekend).map((d) => d.n));
  const weekday = mean(full.filter((d) => !d.weekend).map((d) => d.n));
  assert.ok(weekend > weekday * 1.1, `weekend ${weekend} weekday ${weekday}`);
});

test('followers are heavy-tailed: median in the hundreds, max at least 100 times the median, few verified', () => {
  const authors = new Map<string, Row>();
  for (const r of rows) authors.set(r.authorId, r);
  const f = [...authors.values()].map((r) => r.followers).sort((a, b) => a - b);
  const median = f[Math.floor(f.length / 2)] ?? 0;
  assert.ok(median >= 100 && median < 1000, `median ${median}`);
  assert.ok((f[f.length - 1] ?? 0) >= 100 * median);
  assert.ok(f.filter((x) => x >= 100_000).length >= 1 && f.filter((x) => x >= 10_000).length < f.length * 0.02);
  const verified = [...authors.values()].filter((r) => r.verified).length;
  assert.ok(verified > 0 && verified < authors.size * 0.05, `${verified} verified of ${authors.size}`);
  assert.ok(authors.size > 5000, `${authors.size} authors`);
  const perAuthor = new Map<string, number>();
  for (const r of rows) perAuthor.set(r.authorId, (perAuthor.get(r.authorId) ?? 0) + 1);
  assert.ok([...perAuthor.values()].some((n) => n >= 10), 'some authors post again and again');
});

test('the crisis peak hour has at least 10 times the baseline median for that hour of day', () => {
  const hourly = new Map<number, number>();
  for (const r of brandRows) hourly.set(Math.floor(r.ms / HOUR) * HOUR, (hourly.get(Math.floor(r.ms / HOUR) * HOUR) ?? 0) + 1);
  let peak = 0;
  let peakHour = 0;
  for (const [h, n] of hourly) if (h >= truth.onsetMs && n > peak) [peak, peakHour] = [n, h];
  const sameHour = [...hourly]
    .filter(([h]) => h + HOUR <= truth.onsetMs && parisHour(h) === parisHour(peakHour))
    .map(([, n]) => n)
    .sort((a, b) => a - b);
  const median = sameHour[Math.floor(sameHour.length / 2)] ?? 0;
  assert.ok(sameHour.length >= 6);
  assert.ok(peak >= 10 * median, `peak ${peak} median ${median}`);
  const peakPhase = truth.phases.find((p) => p.name === 'peak');
  assert.ok(peakPhase !== undefined && peakHour + HOUR > Date.parse(peakPhase.start) && peakHour < Date.parse(peakPhase.end) + 2 * HOUR);
});

test('crisis posts are mostly negative-worded, and read negative by a lexicon', () => {
  const response = Date.parse(truth.phases.find((p) => p.name === 'response')?.start ?? '');
  const crisis = rows.filter((r) => crisisIds.has(r.id));
  // A word starting with a negative stem (so "vapeur" is not read as "peur").
  const stems = new RegExp(`(?:^|[^\\p{L}])(?:${NEGATIVE_WORDS.join('|')})`, 'iu');
  const negative = (r: Row) => stems.test(r.text);
  const share = (xs: Row[]) => xs.filter(negative).length / xs.length;
  assert.ok(share(crisis) > 0.6, `all crisis ${share(crisis)}`);
  assert.ok(share(crisis.filter((r) => r.ms < response)) > 0.8);
  assert.ok(share(baselineRows) < 0.1, `baseline ${share(baselineRows)}`);
  const afinn = new Sentiment();
  const mean = (xs: Row[]) => xs.reduce((a, r) => a + afinn.analyze(r.text).score, 0) / xs.length;
  const enCrisis = crisis.filter((r) => r.lang === 'en' && r.ms < response);
  assert.ok(enCrisis.length > 100 && mean(enCrisis) < -1, `english crisis mean ${mean(enCrisis)}`);
  assert.ok(mean(baselineRows.filter((r) => r.lang === 'en')) > 0);
});

test('the truth: onset is the first crisis post, every crisis id is in the stream, counts add up', () => {
  const firstCrisis = rows.find((r) => crisisIds.has(r.id));
  assert.equal(firstCrisis?.ms, truth.onsetMs);
  assert.equal(new Date(truth.onsetMs).toISOString(), truth.onset);
  assert.equal(firstCrisis?.ms, Date.parse(truth.phases.find((p) => p.name === 'onset')?.start ?? ''));
  const streamIds = new Set(rows.map((r) => r.id));
  assert.ok(truth.crisisPostIds.every((id) => id.startsWith('x:') && streamIds.has(id.slice(2))));
  assert.equal(crisisIds.size, truth.counts.crisis);
  assert.equal(truth.counts.baseline + truth.counts.crisis + truth.counts.noise, truth.counts.total);
  assert.ok(rows.every((r) => r.ms < truth.onsetMs || !crisisIds.has(r.id) || r.ms >= truth.onsetMs));
  assert.deepEqual(
    truth.phases.map((p) => p.name),
    ['baseline', 'onset', 'influencer', 'media', 'peak', 'response', 'recovery'],
  );
  for (let i = 1; i < truth.phases.length; i++) assert.equal(truth.phases[i]?.start, truth.phases[i - 1]?.end);
});

test('brand posts name the brand and noise posts name only homonyms', () => {
  const unnamed = brandRows.filter((r) => !/kerlann|vapeur 6l/i.test(r.text));
  assert.deepEqual(unnamed.slice(0, 3).map((r) => r.text), []);
  // The brand's listening query ends in "NOT kerlan": no brand post may use that word alone.
  assert.deepEqual(brandRows.filter((r) => /(^|[^\p{L}])kerlan([^\p{L}]|$)/iu.test(r.text)).map((r) => r.text), []);
  const noise = rows.filter((r) => noiseIds.has(r.id));
  assert.ok(noise.length > 100);
  assert.ok(noise.every((r) => /kerlan|ker lann/i.test(r.text) && !/kerlann/i.test(r.text)));
});

test('mostly French, with English present, and varied texts with some near-duplicates', () => {
  const fr = rows.filter((r) => r.lang === 'fr').length / rows.length;
  assert.ok(fr > 0.6 && fr < 0.8, `fr share ${fr}`);
  assert.ok(rows.some((r) => r.lang === 'en'));
  const originals = rows.filter((r) => r.ref !== 'retweeted');
  const distinct = new Set(originals.map((r) => r.text)).size;
  assert.ok(distinct > originals.length * 0.7, `${distinct} distinct of ${originals.length}`);
  assert.ok(distinct < originals.length, 'some near-duplicates repeat exactly');
});

test('writeScenario writes the stream, the truth beside it and the brand', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-demo-'));
  try {
    const out = await writeScenario(join(dir, 'nested'), { seed: 5, baselineDays: 2 });
    const stream = await readFile(out.streamPath, 'utf8');
    assert.ok(stream.endsWith('\n') && !stream.includes('\r'));
    const lines = stream.slice(0, -1).split('\n');
    assert.equal(lines.length, out.truth.counts.total);
    assert.equal(hashOf(lines), hashOf(generateScenario({ seed: 5, baselineDays: 2 }).lines()));
    assert.deepEqual(JSON.parse(await readFile(out.truthPath, 'utf8')), out.truth);
    assert.deepEqual(out.truth, generateScenario({ seed: 5, baselineDays: 2 }).truth);
    const brand = NewBrandSchema.safeParse(JSON.parse(await readFile(out.brandPath, 'utf8')));
    assert.equal(brand.success, true);
    assert.equal(out.truthPath, join(dir, 'nested', 'scenario.truth.json'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bad options are refused with a message saying what is expected', () => {
  assert.throws(() => generateScenario({ seed: -1 }), /seed must be an integer/);
  assert.throws(() => generateScenario({ seed: 1.5 }), /seed must be an integer/);
  assert.throws(() => generateScenario({ baselineDays: 0 }), /baselineDays must be an integer from 1 to 60/);
  assert.throws(() => generateScenario({ start: new Date('nope') }), /start must be a valid date/);
  assert.throws(() => generateScenario({ start: new Date('2001-01-01') }), /start must be a valid date/);
});
