/**
 * Reads the `all` split of UMSAB (cardiffnlp/xlm-t, data/sentiment/all) as language-labelled
 * texts. Its val and test files are the eight languages' files concatenated, in equal blocks, in
 * the order below (checked on the data: the english and french blocks are byte-identical to
 * UMSAB's english/ and french/ files — and this reader checks it again whenever those folders sit
 * beside `all/`). The train file is shuffled, so it carries no language and is refused.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LabelledDataError, readLines } from '../eval/labelled-text.ts';
import type { LanguageEvalItem } from './evaluate.ts';

/** UMSAB's languages in the order of the `all` files: folder name and ISO 639-1 code. */
export const UMSAB_LANGUAGES: readonly (readonly [string, string])[] = [
  ['arabic', 'ar'], ['english', 'en'], ['french', 'fr'], ['german', 'de'],
  ['hindi', 'hi'], ['italian', 'it'], ['portuguese', 'pt'], ['spanish', 'es'],
];

export type UmsabSplit = 'val' | 'test';

export interface UmsabLanguageData {
  items: LanguageEvalItem[];
  /** Language folders whose file matched its block (e.g. ['english', 'french']). */
  checked: string[];
}

/** The texts of `<dir>/<split>_text.txt`, each with the language of its block. */
export function readUmsabLanguages(dir: string, split: string = 'val'): UmsabLanguageData {
  if (split === 'train') {
    throw new LabelledDataError(`${dir}: UMSAB's all/train_text.txt is shuffled (its lines are not in language order); use --split val or test`);
  }
  if (split !== 'val' && split !== 'test') throw new LabelledDataError(`--split ${split}: expected val or test`);
  if (!existsSync(dir)) throw new LabelledDataError(`--umsab ${dir}: no such directory`);
  const path = join(dir, `${split}_text.txt`);
  if (!existsSync(path)) throw new LabelledDataError(`${path}: missing (--umsab expects UMSAB's all/ folder, with ${split}_text.txt)`);
  const lines = readLines(path, '--umsab');
  const k = UMSAB_LANGUAGES.length;
  if (lines.length === 0 || lines.length % k !== 0) {
    throw new LabelledDataError(`${path}: ${lines.length} lines, not ${k} equal blocks (one per language: ${UMSAB_LANGUAGES.map((l) => l[0]).join(', ')})`);
  }
  const size = lines.length / k;
  const checked: string[] = [];
  UMSAB_LANGUAGES.forEach(([name], b) => {
    const own = join(dirname(dir), name, `${split}_text.txt`);
    if (!existsSync(own)) return;
    const block = lines.slice(b * size, (b + 1) * size);
    const theirs = readLines(own);
    if (theirs.length !== size || theirs.some((t, i) => t !== block[i])) {
      throw new LabelledDataError(
        `${path}: lines ${b * size + 1}–${(b + 1) * size} should be ${own} (the ${name} block) but differ: the file is not in UMSAB's language order`,
      );
    }
    checked.push(name);
  });
  const items = lines.map((text, i) => ({ text, lang: (UMSAB_LANGUAGES[Math.floor(i / size)] as readonly [string, string])[1] }));
  return { items, checked };
}
