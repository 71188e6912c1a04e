import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cliEnv, runCli } from '../run-cli.ts';

// `vigie eval language` as a child process on posts written for this test.

const dir = mkdtempSync(join(tmpdir(), 'vigie-eval-language-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = cliEnv(join(dir, 'vigie-data'));
const run = (...args: string[]) => runCli(['eval', 'language', ...args], { cwd: dir, env });
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const POSTS: [string, string][] = [
  ['fr', 'Franchement le service client est une catastrophe, trois semaines sans réponse'],
  ['fr', 'Merci pour la livraison rapide, le colis est arrivé en parfait état'],
  ['en', 'Worst customer service ever, I have been waiting for a refund since March'],
  ['en', 'Thanks for the quick delivery, the parcel arrived in perfect condition'],
  ['es', 'El servicio al cliente es un desastre, llevo tres semanas esperando respuesta'],
  ['de', 'Der Kundenservice ist eine Katastrophe, seit drei Wochen keine Antwort'],
  ['cy', 'Mae hi wedi bod yn bwrw glaw drwy’r dydd ac rydw i eisiau mynd adref nawr'],
  ['fr', '😡😡😡'],
];
const textFile = file('texts.txt', POSTS.map((p) => p[1]).join('\n') + '\n');
const labelFile = file('langs.txt', POSTS.map((p) => p[0]).join('\r\n'));

test('--json: accuracy, coverage and precision overall, per language and per length; --predictions', async () => {
  const out = join(dir, 'pred.txt');
  const r = await run('--text', textFile, '--labels', labelFile, '--json', '--predictions', out);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json).slice(0, 5), ['n', 'accuracy', 'coverage', 'precision', 'textsPerSec']);
  assert.equal(json.n, 8);
  // Six right; the Welsh post and the emoji-only one get no language.
  assert.equal(json.accuracy, 0.75);
  assert.equal(json.coverage, 0.75);
  assert.equal(json.precision, 1);
  assert.deepEqual(json.perLanguage.fr, { n: 3, accuracy: 0.6667, coverage: 0.6667, precision: 1, known: true });
  assert.deepEqual(json.perLanguage.cy, { n: 1, accuracy: 0, coverage: 0, precision: 1, known: false });
  assert.deepEqual(Object.keys(json.byLength), ['<30', '30-80', '>80']);
  assert.equal(json.byLength['<30'].n, 1);
  assert.deepEqual(json.confusion.fr, { fr: 2, null: 1 });
  assert.deepEqual(json.reasons, { 'unknown-language': 1, 'no-letters': 1 });
  assert.equal(typeof json.model, 'string');
  assert.equal(json.hint, null);
  assert.equal(readFileSync(out, 'utf8'), 'fr\nfr\nen\nen\nes\nde\n\n\n');
});

test('the human report; --hint is passed to the detector', async () => {
  const r = await run('--text', textFile, '--labels', labelFile, '--hint', 'fr,en');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Language identification: 8 texts from .*texts\.txt/);
  assert.match(r.stdout, /hint: fr, en/);
  assert.match(r.stdout, /lang\s+name\s+texts\s+accuracy\s+coverage\s+precision/);
  assert.match(r.stdout, /fr\s+French\s+3\s+66\.7%\s+66\.7%\s+100\.0%/);
  assert.match(r.stdout, /cy\s+\(not in the model \*\)\s+1\s+0\.0%\s+0\.0%/);
  assert.match(r.stdout, /length \(chars\)\s+texts/);
  assert.match(r.stdout, /Null answers by reason: /);
  assert.match(r.stdout, /Speed: \d+ texts\/s/);
  // A short French post: too close to call alone, French with the brand's languages as hint.
  const t = file('short-text.txt', 'le colis\n');
  const l = file('short-lang.txt', 'fr\n');
  const without = JSON.parse((await run('--text', t, '--labels', l, '--json')).stdout);
  const withHint = JSON.parse((await run('--text', t, '--labels', l, '--json', '--hint', 'fr,en')).stdout);
  assert.equal(without.accuracy, 0);
  assert.equal(withHint.accuracy, 1);
  assert.deepEqual(withHint.hint, ['fr', 'en']);
});

test('--umsab reads the 8 blocks in UMSAB order and checks them against the language folders', async () => {
  const root = join(dir, 'umsab');
  mkdirSync(join(root, 'all'), { recursive: true });
  const blocks: Record<string, string[]> = {
    arabic: ['خدمة العملاء سيئة جدا ولم يرد أحد على رسائلي منذ أسبوع'],
    english: ['Worst customer service ever, I have been waiting for a refund since March'],
    french: ['Franchement le service client est une catastrophe, trois semaines sans réponse'],
    german: ['Der Kundenservice ist eine Katastrophe, seit drei Wochen keine Antwort'],
    hindi: ['ग्राहक सेवा बहुत खराब है, तीन हफ्ते से कोई जवाब नहीं मिला'],
    italian: ['Il servizio clienti è un disastro, aspetto una risposta da tre settimane'],
    portuguese: ['O atendimento ao cliente é um desastre, espero uma resposta há três semanas'],
    spanish: ['El servicio al cliente es un desastre, llevo tres semanas esperando respuesta'],
  };
  writeFileSync(join(root, 'all', 'val_text.txt'), Object.values(blocks).flat().join('\n'));
  mkdirSync(join(root, 'french'));
  writeFileSync(join(root, 'french', 'val_text.txt'), blocks.french!.join('\n'));
  const r = await run('--umsab', join(root, 'all'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json.perLanguage), ['ar', 'en', 'fr', 'de', 'hi', 'it', 'pt', 'es']);
  assert.equal(json.accuracy, 1);
  const human = await run('--umsab', join(root, 'all'));
  assert.match(human.stdout, /UMSAB val split in .*; order checked against french/);
  const train = await run('--umsab', join(root, 'all'), '--split', 'train');
  assert.equal(train.code, 2);
  assert.match(train.stderr, /shuffled/);
});

test('bad input: a user error (exit 2) naming the file, line and what to do', async () => {
  const r1 = await run('--text', textFile, '--labels', file('bad.txt', 'fr\nfr\nen\nen\nfra\nde\ncy\nfr\n'));
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /bad\.txt:5: "fra" is not an accepted label; accepted: an ISO 639-1 code .*\(three-letter ISO 639-3 codes are not accepted/);
  const r2 = await run('--text', textFile, '--labels', file('short.txt', 'fr\n'));
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /texts\.txt has 8 lines but .*short\.txt has 1/);
  const r3 = await run('--text', textFile, '--labels', labelFile, '--hint', 'fr,french');
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /--hint: "french" is not an ISO 639-1 language code/);
  const r4 = await run('--umsab', dir, '--text', textFile);
  assert.equal(r4.code, 2);
  assert.match(r4.stderr, /either --umsab, or --text and --labels/);
  const r5 = await run('--umsab', join(dir, 'nowhere'));
  assert.equal(r5.code, 2);
  assert.match(r5.stderr, /nowhere: no such directory/);
  const r6 = await run('--labels', labelFile);
  assert.equal(r6.code, 2);
  assert.match(r6.stderr, /--text is missing/);
  const help = await run('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: vigie eval language/);
});
