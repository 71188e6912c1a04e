// Micro-benchmark: prepareDoc + BrandMatcher.match for 20 brands on ~250-character posts.
// Run: node_modules/.bin/node src/listen/query/query.bench.ts   (not a test; prints ns per post)
import type { Brand } from '../../domain/brand.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import { BrandMatcher } from './brand-matcher.ts';
import { prepareDoc } from './doc.ts';

const ws = 'bench' as WorkspaceId;
const names = ['Lumora', 'Brasserie Vautrin', 'Clairmont Air', 'Nordlys Bank', 'Pétrin Doré', 'Velocita', 'Orbe Mobile', 'Saveur Ferme', 'Kestrel Outdoor', 'Maison Elvire'];

function brand(i: number): Brand {
  const name = names[i % names.length] ?? 'Lumora';
  const slug = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${i}`;
  const first = name.split(' ')[0] ?? name;
  const queries =
    i % 3 === 0
      ? [] // default query from names and handles
      : [
          { id: 'main', text: `("${name}" OR @${first}${i} OR #${first}${i}) -concours -giveaway`, enabled: true },
          { id: 'crisis', text: `${first.toLowerCase()}* (rappel OR recall OR intoxication OR panne OR boycott)`, enabled: i % 2 === 0 },
          { id: 'near', text: `"${name}" NEAR/5 remboursement OR "${name}" NEAR/5 refund`, enabled: true },
        ];
  return {
    id: slug,
    workspaceId: ws,
    name,
    aliases: [`${first}${i}`],
    handles: [`${first}${i}`],
    keywords: [],
    queries,
    languages: i % 4 === 0 ? ['fr', 'en'] : [],
    ownedAccounts: [],
    employeeHandles: [],
    employeeDomains: [],
    createdAt: 0,
  };
}

const filler = [
  "Franchement je ne comprends pas pourquoi l'attente au service client est aussi longue aujourd'hui, trois heures au téléphone",
  'Just landed after a six hour delay, no food, no information, and the crew kept saying it was out of their hands. Never again',
  "Super expérience hier soir, l'équipe était adorable et le plat du jour était parfait 😍 je recommande à tout le monde",
  'Anyone else having trouble logging into the app since this morning? Keeps crashing right after the splash screen on Android',
  'Le nouveau produit est sorti, prix un peu élevé mais la qualité a l’air au rendez-vous, à voir sur la durée #avis',
];

const posts: string[] = [];
for (let i = 0; i < 2000; i++) {
  const base = filler[i % filler.length] ?? '';
  const n = names[(i * 7) % names.length] ?? '';
  const extra = i % 5 === 0 ? ` ${n} rappel https://www.example.com/p/${i}` : i % 7 === 0 ? ` @${n.split(' ')[0]}${i % 20}` : '';
  const post = `${base}${extra} ${i % 3 === 0 ? '🔥🔥 ' : ''}`;
  const pad = ' et pourtant rien ne change depuis des semaines, on attend toujours une réponse claire ' + i;
  posts.push((post + pad + pad).slice(0, 250));
}

const matcher = new BrandMatcher(Array.from({ length: 20 }, (_, i) => brand(i)));
const avgLen = posts.reduce((s, p) => s + p.length, 0) / posts.length;

let matched = 0;
/** CPU time (user + system) per post, less sensitive than wall time to other processes. */
const cpuNs = (rounds: number, body: () => void): number => {
  const t0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) body();
  const u = process.cpuUsage(t0);
  return ((u.user + u.system) * 1000) / (rounds * posts.length);
};
const authors = posts.map((_, i) => `user${i}`);
const run = (rounds: number): number =>
  cpuNs(rounds, () => {
    for (let i = 0; i < posts.length; i++) {
      const doc = prepareDoc({ text: posts[i] as string, lang: i % 2 === 0 ? 'fr' : 'en', authorHandle: authors[i] as string });
      matched += matcher.match(doc).length;
    }
  });

run(20); // warm-up
const samples = [run(50), run(50), run(50)];
const prepOnly = cpuNs(50, () => {
  for (const p of posts) prepareDoc({ text: p, lang: 'fr', authorHandle: 'x' });
});
// The same posts without accents, emoji or curly quotes: the ASCII fast path of fold().
const asciiPosts = posts.map((p) => p.normalize('NFD').replace(/[^\x00-\x7f]/g, ''));
const asciiRun = cpuNs(50, () => {
  for (let i = 0; i < asciiPosts.length; i++) {
    const doc = prepareDoc({ text: asciiPosts[i] as string, lang: 'en', authorHandle: authors[i] as string });
    matched += matcher.match(doc).length;
  }
});
console.log(`posts: ${posts.length}, average length ${avgLen.toFixed(0)} chars, 20 brands (${matched} brand matches counted)`);
console.log(`prepareDoc + match: ${samples.map((s) => s.toFixed(0)).join(' / ')} ns of CPU per post (best ${Math.min(...samples).toFixed(0)} ns)`);
console.log(`prepareDoc alone: ${prepOnly.toFixed(0)} ns of CPU per post`);
console.log(`prepareDoc + match on ASCII-only posts: ${asciiRun.toFixed(0)} ns of CPU per post`);
