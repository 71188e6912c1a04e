import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';
import { StoreError, type NewSentimentCorrection, type SentimentCorrection, type Store } from './store.ts';
import { makeMention } from './test-mentions.ts';

/**
 * Test support (not a test): the contract of analysts' sentiment corrections, which
 * contract.test.ts runs on every store (SQLite, threaded SQLite, PostgreSQL). Call it inside the
 * store's `describe`; `store()` is the opened store, `fresh()` a new workspace id.
 */
const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const isCode = (code: StoreError['code'], pattern?: RegExp) => (e: unknown): boolean =>
  e instanceof StoreError && e.code === code && (pattern === undefined || pattern.test(e.message));

export function correctionContract(store: () => Store, fresh: () => WorkspaceId): void {
  const correct = (ws: WorkspaceId, c: Partial<NewSentimentCorrection> & { mentionId: string }): Promise<SentimentCorrection> =>
    store().addSentimentCorrection(ws, { label: 'positive', by: 'ana@brioche-lune.fr', at: T0, ...c });
  const list = async (ws: WorkspaceId, q: Partial<Parameters<Store['listSentimentCorrections']>[1]> = {}): Promise<SentimentCorrection[]> =>
    (await store().listSentimentCorrections(ws, { limit: 100, ...q })).items;

  it('corrections: the mention reads with the analyst label over the model sentiment, and keeps it through upserts', async () => {
    const ws = fresh();
    const m = makeMention(ws, 0); // the model said negative (score -0.6, model afinn), brand brioche-lune
    await store().upsertMentions(ws, [m]);
    const c = await correct(ws, { mentionId: m.id, note: '  sarcasm: they love it  ' });
    assert.equal(typeof c.id, 'string');
    assert.ok(c.id.length > 0);
    assert.deepEqual({ ...c, id: '' }, {
      id: '', workspaceId: ws, mentionId: m.id, brandId: 'brioche-lune', label: 'positive', modelLabel: 'negative', model: 'afinn',
      by: 'ana@brioche-lune.fr', note: 'sarcasm: they love it', createdAt: T0, current: true, mentionText: m.text, mentionLang: m.lang,
    });
    const corrected: Mention = {
      ...m, enrichment: { ...m.enrichment, sentiment: { label: 'positive', score: -0.6, model: 'afinn', corrected: true, modelLabel: 'negative' } },
    };
    assert.deepEqual(await store().getMention(ws, m.id), corrected);
    assert.deepEqual((await store().searchMentions(ws, { limit: 5, brandId: 'brioche-lune' })).items, [corrected]);
    assert.deepEqual((await store().searchMentions(ws, { limit: 5, q: 'incroyable' })).items, [corrected]);
    assert.deepEqual(await list(ws), [c]);

    assert.deepEqual(await store().upsertMentions(ws, [m]), ['unchanged'], 'a replayed copy from the model is not a change');
    assert.deepEqual(await store().getMention(ws, m.id), corrected);
    const edited = { ...m, text: 'Le nouveau croissant est incroyable (édité)', editedAt: m.createdAt + 60_000, engagement: { ...m.engagement, likes: 99 } };
    assert.deepEqual(await store().upsertMentions(ws, [edited]), ['updated']);
    const got = await store().getMention(ws, m.id);
    assert.equal(got?.text, edited.text);
    assert.deepEqual(got?.enrichment.sentiment, corrected.enrichment.sentiment, 'an edit re-enriched by the model keeps the analyst label');
    assert.equal((await list(ws))[0]?.mentionText, edited.text, 'the listing joins the mention as it is now');
  });

  it('corrections: a re-correction wins, the history is kept, and each brand of a mention has its own', async () => {
    const ws = fresh();
    const m = makeMention(ws, 1, { brandIds: ['lune', 'aube'] }); // the model said positive
    const other = makeMention(ws, 2, { brandIds: ['lune'] });
    await store().upsertMentions(ws, [m, other]);
    await assert.rejects(correct(ws, { mentionId: m.id }), isCode('invalid', /is about brands lune, aube: say which one/));
    await assert.rejects(correct(ws, { mentionId: m.id, brandId: 'soleil' }), isCode('invalid', /brand "soleil" is not one of mention .*'s \(brands lune, aube\)/));
    const first = await correct(ws, { mentionId: m.id, brandId: 'lune', label: 'negative', at: T0 });
    const second = await correct(ws, { mentionId: m.id, brandId: 'lune', label: 'neutral', at: T0 + 1000, by: 'bob' });
    assert.equal(second.modelLabel, 'positive', "the model's label, not the previous correction's");
    const forAube = await correct(ws, { mentionId: m.id, brandId: 'aube', label: 'negative', at: T0 + 2000 });
    const forOther = await correct(ws, { mentionId: other.id, label: 'negative', at: T0 + 3000 });
    const ids = (cs: SentimentCorrection[]): string[] => cs.map((c) => c.id);
    const all = await list(ws);
    assert.deepEqual(ids(all), ids([forOther, forAube, second, first]));
    assert.deepEqual(all.map((c) => c.current), [true, true, true, false]);
    assert.deepEqual(ids(await list(ws, { currentOnly: true })), ids([forOther, forAube, second]));
    assert.deepEqual(ids(await list(ws, { brandId: 'lune' })), ids([forOther, second, first]));
    assert.deepEqual(ids(await list(ws, { brandId: 'lune', currentOnly: true })), ids([forOther, second]));
    assert.deepEqual(ids(await list(ws, { brandId: 'aube' })), ids([forAube]));
    const s = (await store().getMention(ws, m.id))?.enrichment.sentiment;
    assert.deepEqual(s, { label: 'negative', score: 0.4, model: 'afinn', corrected: true, modelLabel: 'positive' }, 'the latest correction, any brand, is the label');
  });

  it('corrections: concurrent corrections of one mention and brand leave exactly one current', async () => {
    const ws = fresh();
    const m = makeMention(ws, 3);
    await store().upsertMentions(ws, [m]);
    const labels = ['negative', 'neutral', 'positive', 'negative', 'neutral', 'positive'] as const;
    await Promise.all(labels.map((label, i) => correct(ws, { mentionId: m.id, label, at: T0 + i })));
    const all = await list(ws);
    assert.equal(all.length, 6);
    assert.equal(all.filter((c) => c.current).length, 1);
    assert.equal(all[0]?.current, true, 'the last one made is the one in force');
    assert.equal((await store().getMention(ws, m.id))?.enrichment.sentiment?.label, all[0]?.label);
  });

  it('corrections: a mention without model sentiment gets the label with its polarity, by the analyst', async () => {
    const ws = fresh();
    const m = makeMention(ws, 4, { enrichment: { sentiment: null, categories: [], stakeholder: null, reach: 3 } });
    await store().upsertMentions(ws, [m]);
    const c = await correct(ws, { mentionId: m.id, label: 'negative' });
    assert.deepEqual([c.modelLabel, c.model], [null, null]);
    assert.deepEqual((await store().getMention(ws, m.id))?.enrichment,
      { sentiment: { label: 'negative', score: -1, model: 'analyst', corrected: true }, categories: [], stakeholder: null, reach: 3 });
  });

  it('corrections: bad input is refused, naming the problem, and nothing changes', async () => {
    const ws = fresh();
    const m = makeMention(ws, 5);
    const gone = makeMention(ws, 6);
    await store().upsertMentions(ws, [m, gone]);
    await store().markDeleted(ws, [gone.id], T0);
    const bad = (c: unknown): NewSentimentCorrection => c as NewSentimentCorrection;
    await assert.rejects(correct(ws, { mentionId: 'x:404' }), isCode('not_found', /no mention "x:404" in workspace/));
    await assert.rejects(correct(ws, { mentionId: 'x:\0' }), isCode('not_found'));
    await assert.rejects(correct(ws, { mentionId: gone.id }), isCode('invalid', /deleted on its platform/));
    await assert.rejects(correct(ws, { mentionId: m.id, label: bad('great') as never }), isCode('invalid', /label must be negative, neutral or positive \(got "great"\)/));
    await assert.rejects(correct(ws, { mentionId: m.id, by: '   ' }), isCode('invalid', /by \(who corrected\) must be 1–200 characters/));
    await assert.rejects(correct(ws, { mentionId: m.id, by: 'x'.repeat(201) }), isCode('invalid', /by/));
    await assert.rejects(correct(ws, { mentionId: m.id, note: 'n'.repeat(2001) }), isCode('invalid', /note must be at most 2000/));
    await assert.rejects(correct(ws, { mentionId: m.id, at: Number.NaN }), isCode('invalid', /at must be epoch/));
    await assert.rejects(store().addSentimentCorrection(fresh(), { mentionId: m.id, label: 'neutral', by: 'ana', at: T0 }), isCode('not_found'),
      "another workspace's mention is unknown");
    assert.deepEqual(await list(ws), []);
    assert.deepEqual(await store().getMention(ws, m.id), m);
    const odd = await correct(ws, { mentionId: m.id, by: 'ana\0x', note: 'a\0b \uD800' });
    assert.deepEqual([odd.by, odd.note], ['ana\uFFFDx', 'a\uFFFDb \uFFFD'], 'NUL and lone surrogates are stored as U+FFFD, in every store alike');
    assert.deepEqual((await list(ws)).map((c) => [c.by, c.note]), [['ana\uFFFDx', 'a\uFFFDb \uFFFD']]);
  });

  it('corrections: listed newest first with since, limit and cursor, without gaps; workspaces are isolated', async () => {
    const ws = fresh();
    const ms = Array.from({ length: 23 }, (_, i) => makeMention(ws, 100 + i, { brandIds: [i % 3 === 0 ? 'aube' : 'lune'] }));
    await store().upsertMentions(ws, ms);
    const made: SentimentCorrection[] = [];
    for (let i = 0; i < ms.length; i++) made.push(await correct(ws, { mentionId: ms[i]!.id, label: i % 2 === 0 ? 'neutral' : 'negative', at: T0 + i * 1000 }));
    const expected = [...made].reverse().map((c) => c.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store().listSentimentCorrections(ws, { limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, expected);
    assert.deepEqual((await list(ws, { since: T0 + 20_000 })).map((c) => c.id), expected.slice(0, 3));
    assert.deepEqual((await list(ws, { brandId: 'aube', since: T0 + 15_000 })).map((c) => c.mentionId), [ms[21]!.id, ms[18]!.id, ms[15]!.id]);
    assert.deepEqual(await list(ws, { brandId: 'a\0' }), []);
    await assert.rejects(store().listSentimentCorrections(ws, { limit: 0 }), isCode('invalid', /limit/));
    await assert.rejects(store().listSentimentCorrections(ws, { limit: 1001 }), isCode('invalid', /limit/));
    await assert.rejects(store().listSentimentCorrections(ws, { limit: 10, cursor: 'not a cursor!' }), isCode('invalid', /malformed cursor/));
    await assert.rejects(store().listSentimentCorrections(ws, { limit: 10, cursor: Buffer.from('[1,"a"]').toString('base64url') }), isCode('invalid', /cursor/));
    await assert.rejects(store().listSentimentCorrections(ws, { limit: 10, since: 1.5 }), isCode('invalid', /since/));

    const other = fresh();
    assert.deepEqual(await list(other), []);
    await store().upsertMentions(other, [makeMention(other, 100)]);
    await correct(other, { mentionId: ms[0]!.id, label: 'positive' });
    assert.deepEqual((await list(other)).map((c) => c.workspaceId), [other]);
    assert.equal((await list(ws)).length, 23, "another workspace's correction of the same id is its own");
    assert.equal((await store().getMention(ws, ms[0]!.id))?.enrichment.sentiment?.label, 'neutral');

    await store().markDeleted(ws, [ms[22]!.id], T0);
    await store().purgeMentionsBefore(ws, ms[1]!.createdAt);
    const after = await list(ws);
    assert.deepEqual([after[0]?.mentionText, after[0]?.current], ['', true], 'a deleted mention reads with its purged text');
    assert.deepEqual([after[22]?.mentionText, after[22]?.mentionLang, after[22]?.label], [null, null, 'neutral'], 'a purged mention leaves its correction');
  });
}
