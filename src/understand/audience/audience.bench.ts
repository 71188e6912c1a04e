// Micro-benchmark of the audience rules: classifyStakeholder and estimateReach per mention, on
// 200–300 character posts in French and English (the ingest benchmark's pieces) by authors with
// varied bios (most without a cue, as on a real stream), one brand with a competitor configured.
// Run: node_modules/.bin/node src/understand/audience/audience.bench.ts [--count N]
// (not a test; prints mentions per second of CPU time and the share of each stakeholder type).
import { EN_ENDINGS, EN_MIDDLES, EN_OPENERS, FR_ENDINGS, FR_MIDDLES, FR_OPENERS, PEOPLE } from '../../../bench/x-texts.ts';
import { Rng } from '../../demo/prng.ts';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import type { Mention } from '../../domain/mention.ts';
import { FIXTURE_OPTIONS, KERLANN } from './fixtures/authors.ts';
import { estimateReach } from './reach.ts';
import { classifyStakeholder } from './stakeholder.ts';

const i = process.argv.indexOf('--count');
const count = i >= 0 ? Number(process.argv[i + 1]) : 500_000;

const BIOS = [
  null,
  '',
  'Maman de 3 loulous, Brest. Café, vélo et séries.',
  'Papa, Breton, fan de foot. Les tweets sont les miens.',
  'Dev backend, Rust et café. Il/lui.',
  'Coffee. Books. Cats. Probably overthinking it.',
  'Passionnée de cuisine et d’actu, un peu râleuse.',
  'Infirmière de nuit, amoureuse des chats 🐈',
  'Retraité, jardinage et randonnée dans les Monts d’Arrée',
  'Marketing nerd. Dad. Runner. Opinions mine.',
  'Étudiante en droit à Rennes 2',
  'Journaliste conso au Courrier. DM ouverts.',
  'Toute l’actualité de l’Ouest en continu.',
  'Ingénieur qualité chez Kerlann. Voile.',
  'Meal prep mama of 3. Easy recipes every Sunday.',
  'Tech reporter covering gadgets and smart homes',
];

const rng = new Rng(11);
const mentions: Mention[] = [];
for (let k = 0; k < 20_000; k++) {
  const fr = rng.chance(0.6);
  const text = JSON.parse(
    JSON.stringify(`${rng.pick(fr ? FR_OPENERS : EN_OPENERS).replace('{b}', 'Kerlann')}${rng.pick(fr ? FR_MIDDLES : EN_MIDDLES)}${rng.pick(fr ? FR_ENDINGS : EN_ENDINGS)}`),
  ) as string;
  const [name, handle] = rng.pick(PEOPLE);
  const followers = Math.round(rng.logNormal(200, 1.6));
  mentions.push({
    id: `x:${k}`,
    workspaceId: DEFAULT_WORKSPACE,
    platform: 'x',
    url: null,
    author: {
      id: `x:a${k}`,
      handle: `${handle}${k % 97}`,
      name,
      followers,
      verified: rng.chance(0.02),
      kind: 'person',
      bio: rng.pick(BIOS),
      accountCreatedAt: Date.UTC(2015, 0, 1),
      posts: rng.int(0, 20_000),
      following: rng.int(0, 2000),
      listed: rng.int(0, 20),
    },
    text,
    lang: fr ? 'fr' : 'en',
    createdAt: Date.UTC(2026, 2, 2),
    receivedAt: Date.UTC(2026, 2, 2),
    editedAt: null,
    deletedAt: null,
    relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
    engagement: { likes: rng.int(0, 50), reposts: rng.int(0, 5), replies: rng.int(0, 5), quotes: 0, views: rng.chance(0.5) ? rng.int(0, 5000) : null },
    brandIds: ['kerlann'],
    matchingRules: [],
    enrichment: { sentiment: null, categories: [], stakeholder: null, reach: 0 },
    raw: null,
  });
}

const brands = [KERLANN];
const cpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const types = new Map<string, number>();
for (let k = 0; k < 20_000; k++) classifyStakeholder(mentions[k % mentions.length] as Mention, brands, FIXTURE_OPTIONS); // warm-up
let t0 = cpu();
for (let k = 0; k < count; k++) {
  const r = classifyStakeholder(mentions[k % mentions.length] as Mention, brands, FIXTURE_OPTIONS);
  if (k < mentions.length) types.set(r.type, (types.get(r.type) ?? 0) + 1);
}
const stakeholderUs = cpu() - t0;
t0 = cpu();
let sum = 0;
for (let k = 0; k < count; k++) sum += estimateReach(mentions[k % mentions.length] as Mention);
const reachUs = cpu() - t0;
console.log(`classifyStakeholder: ${Math.round(count / (stakeholderUs / 1e6)).toLocaleString('en-US')} mentions/s of CPU (${(stakeholderUs / count).toFixed(2)} µs each)`);
console.log(`estimateReach: ${Math.round(count / (reachUs / 1e6)).toLocaleString('en-US')} mentions/s of CPU (checksum ${sum})`);
console.log(`types on the first ${mentions.length}:`, Object.fromEntries([...types].sort((a, b) => b[1] - a[1])));
