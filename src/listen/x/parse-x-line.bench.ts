// Measures parseXLine on realistic filtered-stream lines (~1.5 kB) and the cost of the draft
// check, hand-written versus zod. Run: node_modules/.bin/node src/listen/x/parse-x-line.bench.ts
import { checkDraft, checkDraftWithZod } from '../import/check-draft.ts';
import { RECEIVED_AT, xLine, xPost } from '../import/kerlann-fixtures.ts';
import type { MentionDraft } from '../../domain/mention.ts';
import { parseXLine } from './parse-x-line.ts';

const N = 200_000;
const lines: string[] = [];
for (let i = 0; i < 1000; i++) {
  const id = String(2039632050385846372n + BigInt(i));
  lines.push(
    xLine(
      xPost({
        id,
        text: `Ma cocotte @kerlann n°${i} s'écaille après 3 mois, le SAV ne répond pas 😡 #Kerlann #SAV https://t.co/abc${i}`,
        referenced_tweets: i % 3 === 0 ? [{ type: 'replied_to', id: '2039632050385846000' }] : undefined,
        entities: {
          mentions: [{ start: 11, end: 19, username: 'kerlann', id: '1300000000000000001' }],
          hashtags: [{ start: 70, end: 78, tag: 'Kerlann' }, { start: 79, end: 83, tag: 'SAV' }],
          urls: [{ start: 84, end: 107, url: `https://t.co/abc${i}`, expanded_url: 'https://kerlann.example/fr/cocotte-24', display_url: 'kerlann.example/fr/cocotte-24' }],
        },
      }),
    ),
  );
}
const avg = lines.reduce((s, l) => s + Buffer.byteLength(l), 0) / lines.length;

function rate(label: string, fn: (i: number) => unknown): void {
  for (let i = 0; i < 20_000; i++) fn(i); // warm-up
  const t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn(i);
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`${label}: ${Math.round(N / s).toLocaleString('en')} /s`);
}

console.log(`average line: ${Math.round(avg)} bytes`);
rate('JSON.parse alone', (i) => JSON.parse(lines[i % 1000]!));
rate('parseXLine (hand check)', (i) => parseXLine(lines[i % 1000]!, RECEIVED_AT));
const drafts = lines.map((l) => (parseXLine(l, RECEIVED_AT) as { mention: MentionDraft }).mention);
rate('checkDraft (hand)', (i) => checkDraft(drafts[i % 1000]!));
rate('checkDraftWithZod', (i) => checkDraftWithZod(drafts[i % 1000]!));
