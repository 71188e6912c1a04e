import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { describeOf, unwrap } from '../../config/schema-keys.ts';
import type { Brand } from '../../domain/brand.ts';
import type { Author, Stakeholder } from '../../domain/mention.ts';
import type { Platform } from '../../domain/platform.ts';
import { FIXTURE_OPTIONS, KERLANN, LABELLED_AUTHORS } from './fixtures/authors.ts';
import {
  classifyStakeholder,
  DEFAULT_STAKEHOLDER_OPTIONS,
  parseStakeholderOptions,
  StakeholderOptionsError,
  StakeholderOptionsSchema,
  type StakeholderInput,
} from './stakeholder.ts';

function m(author: Partial<Author>, text = 'Kerlann ?', platform: Platform = 'x'): StakeholderInput {
  return { platform, text, author: { id: 'x:1', handle: 'someone', name: null, followers: 200, verified: false, kind: 'person', ...author } };
}
const type = (input: StakeholderInput, brands: readonly Brand[] = [KERLANN], o = FIXTURE_OPTIONS): Stakeholder => classifyStakeholder(input, brands, o).type;

test('accuracy on the labelled authors (reported; at least 90%)', () => {
  const classes = [...new Set(LABELLED_AUTHORS.map((x) => x.label))];
  const confusion = new Map<string, number>();
  const misses: string[] = [];
  let right = 0;
  for (const x of LABELLED_AUTHORS) {
    const got = classifyStakeholder(x.mention, [KERLANN], FIXTURE_OPTIONS);
    if (got.type === x.label) right++;
    else misses.push(`${x.label} → ${got.type}: @${x.mention.author.handle ?? '?'} (${got.reason})`);
    const key = `${x.label}→${got.type}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  const accuracy = right / LABELLED_AUTHORS.length;
  const perClass = classes.map((c) => {
    const of = LABELLED_AUTHORS.filter((x) => x.label === c).length;
    return `${c} ${confusion.get(`${c}→${c}`) ?? 0}/${of}`;
  });
  console.log(`stakeholder rules: ${right}/${LABELLED_AUTHORS.length} right (${(accuracy * 100).toFixed(1)}%); ${perClass.join(', ')}`);
  for (const miss of misses) console.log(`  miss: ${miss}`);
  assert.ok(LABELLED_AUTHORS.length >= 60, 'about 60 authors');
  assert.ok(accuracy >= 0.9, `accuracy ${accuracy}`);
  for (const c of classes) assert.ok((confusion.get(`${c}→${c}`) ?? 0) > 0, `${c} is found at least once`);
});

test('every result gives a reason that quotes its cue', () => {
  for (const x of LABELLED_AUTHORS) {
    const r = classifyStakeholder(x.mention, [KERLANN], FIXTURE_OPTIONS);
    assert.ok(r.reason.length > 5, r.reason);
  }
  assert.match(classifyStakeholder(m({ bio: 'Journaliste au Courrier' }), [KERLANN]).reason, /"journaliste"/);
  assert.match(classifyStakeholder(m({ followers: 12_000 }), [KERLANN]).reason, /12,000 followers \(influencer from 10,000 on x\)/);
});

test('rules apply in order: brand, employee, competitor, regulator, journalist, media, influencer, customer', () => {
  // A brand account with a newsroom-like bio and many followers is still the brand.
  assert.equal(type(m({ handle: 'KerlannFR', bio: 'Toute l’actualité de Kerlann', followers: 1e6 })), 'brand');
  // An employee who is also a journalist by training, with many followers.
  assert.equal(type(m({ handle: 'MarionLBihan', bio: 'Ancienne journaliste', followers: 50_000 })), 'employee');
  assert.equal(type(m({ bio: 'Journaliste devenue responsable communication chez Kerlann' })), 'employee');
  // A journalist ordering a cooker is a journalist; an influencer with a parcel problem too.
  assert.equal(type(m({ bio: 'Journaliste conso' }, 'Ma commande Kerlann est en retard')), 'journalist');
  assert.equal(type(m({ followers: 30_000 }, 'Mon colis Kerlann est perdu')), 'influencer');
  assert.equal(type(m({ followers: 30_000, bio: 'Newsroom' })), 'media');
});

test('employee cues: FR and EN, case and accents folded; "ex-", "ancien", "client chez" undo them', () => {
  const employee = [
    'TRAVAILLE CHEZ KERLANN',
    'Salariée de Kerlann',
    'Ingénieure méthodes @Kerlann',
    'working at @kerlann',
    '@kerlann employee, cooking nerd',
    'CEO of Kerlann Cook',
    'Fondatrice de Kerlann',
    'mes propos n’engagent que moi — Kerlann',
    'Opinions are my own. Proud to be part of the Kerlann family.',
  ];
  for (const bio of employee) assert.equal(type(m({ bio })), 'employee', bio);
  const not = ['Ex-salarié de Kerlann', 'Former engineer at Kerlann', 'Cliente chez Kerlann depuis 2010', 'Fan de Kerlann', 'Views my own', 'Je travaille chez moi'];
  for (const bio of not) assert.notEqual(type(m({ bio })), 'employee', bio);
  assert.equal(type(m({ bio: 'Écrivez-moi : paul@kerlann-group.com' })), 'employee');
  assert.equal(type(m({ bio: 'https://www.kerlann.fr/equipe' })), 'employee');
  assert.notEqual(type(m({ bio: 'paul@notkerlann.fr' })), 'employee');
  assert.equal(type(m({ name: 'Anne — Kerlann' })), 'employee');
  assert.notEqual(type(m({ name: 'Anne aime Kerlann' })), 'employee');
});

test('competitors and regulators come from the options and the built-in list', () => {
  assert.equal(type(m({ handle: '@Marmitor' })), 'competitor');
  assert.equal(type(m({ bio: 'Head of Sales at Marmitor' })), 'competitor');
  assert.equal(type(m({ handle: 'marmitor' }), [KERLANN], DEFAULT_STAKEHOLDER_OPTIONS), 'unknown', 'not configured, not a competitor');
  for (const handle of ['cnil', 'DGCCRF', 'ftc', 'Ofcom', 'EU_Commission', 'secgov']) assert.equal(type(m({ handle })), 'regulator', handle);
  assert.equal(type(m({ handle: 'autorite', name: 'Autorité de la concurrence' })), 'regulator');
  assert.equal(type(m({ handle: 'ftc_fan', name: 'FTC fan' })), 'unknown', 'an acronym must be the whole name');
  assert.equal(type(m({ handle: 'info@agents.gov.uk' }, 'x', 'mastodon')), 'regulator');
  assert.equal(type(m({ handle: 'dgae', kind: 'organisation', bio: 'https://www.economie.gouv.fr' })), 'regulator');
  assert.equal(type(m({ handle: 'dgae', bio: 'Citoyen. Je lis economie.gouv.fr' })), 'unknown', 'a person linking to a government site is not one');
  const noBuiltIn = parseStakeholderOptions({ builtInRegulators: false, regulators: { handles: ['@consumer_watch'], names: ['Consumer Watchdog Office'] } });
  assert.equal(type(m({ handle: 'cnil' }), [KERLANN], noBuiltIn), 'unknown');
  assert.equal(type(m({ handle: 'consumer_watch' }), [KERLANN], noBuiltIn), 'regulator');
  assert.equal(type(m({ handle: 'cwo', name: 'The Consumer Watchdog Office' }), [KERLANN], noBuiltIn), 'regulator');
});

test('journalists: strong cues decide, weak ones need lists or a tick; a newsroom is media', () => {
  for (const bio of ['Grand reporter', 'Rédac chef @CuisineMag', 'rédacteur en chef', 'Correspondant à Bruxelles', 'Columnist', 'News editor, The Courier', 'Carte de presse n°123'])
    assert.equal(type(m({ bio })), 'journalist', bio);
  assert.equal(type(m({ bio: 'Editor, The Courier' })), 'unknown', 'weak alone');
  assert.equal(type(m({ bio: 'Editor, The Courier', listed: 60 })), 'journalist', 'weak + lists');
  assert.equal(type(m({ bio: 'Editor, The Courier', listed: 15, verified: true })), 'journalist', 'weak + a few lists + tick');
  assert.equal(type(m({ bio: 'Video editor', listed: 900, verified: true })), 'unknown');
  assert.equal(type(m({ bio: 'Rédacteur web SEO', listed: 900 })), 'unknown');
  assert.equal(type(m({ bio: 'La rédaction : nos journalistes vous informent', kind: 'organisation' })), 'media');
  assert.equal(type(m({ bio: 'Journaliste', kind: 'organisation' })), 'unknown', 'an organisation is no journalist');
});

test('media: a strong cue, or weak cues that add up', () => {
  assert.equal(type(m({ bio: 'L’info en continu' })), 'media');
  assert.equal(type(m({ bio: 'News' })), 'unknown', 'one weak cue');
  assert.equal(type(m({ bio: 'News', kind: 'organisation' })), 'media');
  assert.equal(type(m({ handle: 'brestnews', bio: 'Les news de Brest' })), 'media');
  assert.equal(type(m({ handle: 'bigcorp', kind: 'organisation', listed: 5000 })), 'unknown', 'lists and an organisation are no media cue');
});

test('influencers: a follower threshold per platform', () => {
  assert.equal(type(m({ followers: 9_999 })), 'unknown');
  assert.equal(type(m({ followers: 10_000 })), 'influencer');
  assert.equal(type(m({ followers: 2_000 }, 'x', 'mastodon')), 'influencer');
  assert.equal(type(m({ followers: 4_999 }, 'x', 'bluesky')), 'unknown');
  const o = parseStakeholderOptions({ influencerFollowers: { default: 50_000, x: 100_000, mastodon: 500 } });
  assert.equal(type(m({ followers: 60_000 }), [KERLANN], o), 'unknown');
  assert.equal(type(m({ followers: 60_000 }, 'x', 'reddit'), [KERLANN], o), 'influencer');
  assert.equal(type(m({ followers: 600 }, 'x', 'mastodon'), [KERLANN], o), 'influencer');
  assert.equal(type(m({ followers: 4_000 }, 'x', 'bluesky'), [KERLANN], o), 'unknown', 'an unset platform keeps its default');
  assert.equal(type(m({ followers: null })), 'unknown');
});

test('customers: first-person purchase or use, or a first-person post addressed to the brand', () => {
  const customer = [
    'J’ai commandé une cocotte le 3 mai',
    'MA LIVRAISON EST EN RETARD',
    'je n’ai toujours pas reçu le remboursement',
    'my refund never came',
    'I’ve been a customer for years',
    '@kerlann my lid is cracked',
    '@KerlannSAV @kerlann j’attends une réponse',
    'Mes pièces de rechange Kerlann ne vont pas',
    'love my little Kerlann pot',
  ];
  for (const text of customer) assert.equal(type(m({}, text)), 'customer', text);
  const not = ['@kerlann quelle honte', 'Kerlann : mon avis sur le rappel', 'Mon avis sur Kerlann', 'Oh my god Kerlann', 'Lisez @kerlann', 'RT @kerlann: ma commande', '@kerlannfan I love this'];
  for (const text of not) assert.notEqual(type(m({}, text)), 'customer', text);
  const long = `${'Un très long article sur la cuisine. '.repeat(40)} Ma commande est arrivée.`;
  assert.equal(type(m({}, long)), 'unknown', 'only the beginning of a long text is read');
  const extraO = parseStakeholderOptions({ extraCues: { customer: ['mein Paket'], journalist: ['Journalistin'], media: ['Nachrichten aus'], employee: ['arbeite bei'] } });
  assert.equal(type(m({}, 'Wo ist mein Paket?'), [KERLANN], extraO), 'customer');
  assert.equal(type(m({ bio: 'Journalistin' }), [KERLANN], extraO), 'journalist');
  assert.equal(type(m({ bio: 'Nachrichten aus Köln' }), [KERLANN], extraO), 'media');
  assert.equal(type(m({ bio: 'Ich arbeite bei Kerlann' }), [KERLANN], extraO), 'employee');
});

test('no brands, no profile, odd input: a clear unknown, never a crash', () => {
  assert.equal(type(m({ handle: null, name: null, bio: null, followers: null }, ''), []), 'unknown');
  assert.equal(classifyStakeholder(m({ handle: '', bio: '' }, ''), []).reason, 'no profile to read and no cue in the post');
  const tiny: Brand = { ...KERLANN, name: 'K', aliases: [], handles: [], ownedAccounts: [], employeeDomains: [] };
  assert.equal(type(m({ bio: 'travaille chez k' }), [tiny]), 'unknown', 'a one-letter name is no cue');
});

test('options: every key is described; defaults; bad options name the key', () => {
  const undescribed: string[] = [];
  const walk = (s: z.ZodType, path: string): void => {
    if (describeOf(s) === undefined) undescribed.push(path);
    const inner = unwrap(s);
    if (inner instanceof z.ZodObject) for (const [k, v] of Object.entries(inner.shape)) walk(v as z.ZodType, `${path}.${k}`);
  };
  walk(StakeholderOptionsSchema, 'stakeholders');
  assert.deepEqual(undescribed, []);
  assert.deepEqual(DEFAULT_STAKEHOLDER_OPTIONS.influencerFollowers, { default: 10_000, bluesky: 5_000, mastodon: 2_000 });
  assert.throws(
    () => parseStakeholderOptions({ influencerFollowers: { x: -5 }, competitors: { handle: ['a'] } }, 'understand.stakeholders'),
    (e: unknown) =>
      e instanceof StakeholderOptionsError &&
      e.problems.some((p) => p.startsWith('understand.stakeholders.influencerFollowers.x: expected an integer')) &&
      e.problems.some((p) => p === 'understand.stakeholders.competitors: unknown key "handle" (check the spelling)'),
  );
  assert.throws(() => parseStakeholderOptions({ extraCues: { customer: ['x'] } }), /extraCues\.customer\.0: expected a phrase of at least 2 characters/);
});
