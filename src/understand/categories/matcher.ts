/**
 * The lexicon matcher: compiles a hand-written trigger lexicon (lexicon-en.ts, lexicon-fr.ts)
 * into lookup tables, then finds every entry in a text's words in one pass.
 *
 * Entry syntax (folded like the text, so accents and case do not matter):
 * - words separated by spaces match consecutive words: `impossible de se connecter`;
 * - a word ending in `*` matches any word starting with it (3+ letters): `rembours*`;
 * - `_` matches any one word: `impossible de _ connecter` (se, me, nous…);
 * - `¤` matches any currency sign ($ £ € ¥) and `%` a percent sign: `¤ fee`, `+ _ %`;
 * - a leading `~` marks a weak entry: a cue that often means the category but not always
 *   (`~panne`, `~refund`). Weak entries feed the classifier but not the lexicon-only baseline.
 *
 * Words are matched against entries once per distinct word (the caller caches `atomsOf`), so a
 * text costs one map lookup per word plus the phrases that start on it.
 */
import { CATEGORY_IDS, type CategoryId } from './taxonomy.ts';
import { apostropheModeOf, fold } from './text.ts';

/** Trigger entries per category (see the syntax above). */
export type Lexicon = Readonly<Record<CategoryId, readonly string[]>>;

/** One compiled entry. */
export interface LexiconEntry {
  /** Index in `CompiledLexicon.entries`. */
  index: number;
  /** Index in CATEGORY_IDS. */
  category: number;
  /** The entry as written in the lexicon. */
  source: string;
  weak: boolean;
  /** Atom ids, word by word; ANY for `_`. */
  atoms: Int32Array;
}

export const ANY = -1;
const MIN_PREFIX = 3;

export class LexiconSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LexiconSyntaxError';
  }
}

export class CompiledLexicon {
  readonly lang: string;
  readonly entries: readonly LexiconEntry[];
  private readonly literals = new Map<string, number>();
  private readonly prefixes = new Map<string, number>();
  private minPrefix = Infinity;
  private maxPrefix = 0;
  private atomCount = 0;
  /** The trie of entries, by first atom. */
  private readonly roots: TrieNode[] = [];

  constructor(lang: string, lexicon: Lexicon) {
    this.lang = lang;
    const entries: LexiconEntry[] = [];
    const seen = new Map<string, string>();
    const problems: string[] = [];
    CATEGORY_IDS.forEach((id, category) => {
      const list = lexicon[id];
      if (!Array.isArray(list)) {
        problems.push(`lexicon ${lang}: category "${id}" has no entry list`);
        return;
      }
      for (const source of list) {
        let entry: LexiconEntry;
        try {
          entry = this.compile(source, category, lang, id);
        } catch (e) {
          if (!(e instanceof LexiconSyntaxError)) throw e;
          problems.push(e.message);
          continue;
        }
        const key = `${category}:${[...entry.atoms].join(' ')}`;
        const previous = seen.get(key);
        if (previous !== undefined) {
          problems.push(`lexicon ${lang}, ${id}: "${source}" repeats "${previous}" (same words once folded); remove one`);
          continue;
        }
        seen.set(key, source);
        entry.index = entries.length;
        entries.push(entry);
        this.insert(entry);
      }
    });
    if (problems.length > 0) throw new LexiconSyntaxError(problems.join('\n'));
    this.entries = entries;
  }

  private compile(source: string, category: number, lang: string, id: string): LexiconEntry {
    const where = `lexicon ${lang}, ${id}: "${source}"`;
    let text = source.trim();
    const weak = text.startsWith('~');
    if (weak) text = text.slice(1).trim();
    // Words are split like a text in this language would be (hyphens separate; apostrophes
    // separate in French, join in English: `can't` → `cant`), then folded.
    if (apostropheModeOf(lang) === 'join') text = text.replace(/(?<=\p{L})['’](?=\p{L})/gu, '');
    const parts = text
      .toLowerCase()
      .split(/[\s'’\-]+/)
      .filter((p) => p.length > 0);
    if (parts.length === 0) throw new LexiconSyntaxError(`${where}: empty entry`);
    const atoms = new Int32Array(parts.length);
    parts.forEach((part, i) => {
      if (part === '_') {
        if (i === 0 || i === parts.length - 1) throw new LexiconSyntaxError(`${where}: "_" must be between two words`);
        atoms[i] = ANY;
        return;
      }
      const isPrefix = part.endsWith('*');
      const word = fold(isPrefix ? part.slice(0, -1) : part);
      if (!/^[\p{L}\p{N}]+$/u.test(word) && word !== '¤' && word !== '%') {
        throw new LexiconSyntaxError(`${where}: "${part}" is not a word (letters and digits, optionally ending in *)`);
      }
      if (isPrefix && word.length < MIN_PREFIX) {
        throw new LexiconSyntaxError(`${where}: prefix "${part}" is shorter than ${MIN_PREFIX} letters (it would match too much)`);
      }
      atoms[i] = isPrefix ? this.prefixAtom(word) : this.literalAtom(word);
    });
    return { index: -1, category, source, weak, atoms };
  }

  private insert(entry: LexiconEntry): void {
    const first = entry.atoms[0] as number;
    let node = (this.roots[first] ??= newNode());
    for (let k = 1; k < entry.atoms.length; k++) {
      const atom = entry.atoms[k] as number;
      if (atom === ANY) node = node.any ??= newNode();
      else {
        node.next ??= new Map();
        let child = node.next.get(atom);
        if (child === undefined) node.next.set(atom, (child = newNode()));
        node = child;
      }
    }
    (node.ends ??= []).push(entry);
  }

  private literalAtom(word: string): number {
    let id = this.literals.get(word);
    if (id === undefined) {
      id = this.atomCount++;
      this.literals.set(word, id);
    }
    return id;
  }

  private prefixAtom(stem: string): number {
    let id = this.prefixes.get(stem);
    if (id === undefined) {
      id = this.atomCount++;
      this.prefixes.set(stem, id);
      this.minPrefix = Math.min(this.minPrefix, stem.length);
      this.maxPrefix = Math.max(this.maxPrefix, stem.length);
    }
    return id;
  }

  /** The atoms a folded word satisfies (null when none): its literal and every matching prefix. */
  atomsOf(folded: string): Int32Array | null {
    const found: number[] = [];
    const literal = this.literals.get(folded);
    if (literal !== undefined) found.push(literal);
    const top = Math.min(folded.length, this.maxPrefix);
    for (let len = this.minPrefix; len <= top; len++) {
      const p = this.prefixes.get(len === folded.length ? folded : folded.slice(0, len));
      if (p !== undefined) found.push(p);
    }
    return found.length === 0 ? null : Int32Array.from(found);
  }

  /**
   * Calls `hit` for every entry found in a text, given the atoms of its words in order (from
   * `atomsOf`). An entry found twice is reported twice. Entries are walked as a trie of atoms,
   * so a word costs only the entries that could still match from it.
   */
  match(atoms: readonly (Int32Array | null)[], hit: (entry: LexiconEntry, position: number) => void): void {
    const n = atoms.length;
    for (let i = 0; i < n; i++) {
      const here = atoms[i];
      if (here == null) continue;
      for (let a = 0; a < here.length; a++) {
        const node = this.roots[here[a] as number];
        if (node !== undefined) this.walk(node, atoms, i, i + 1, hit);
      }
    }
  }

  private walk(node: TrieNode, atoms: readonly (Int32Array | null)[], start: number, next: number, hit: (entry: LexiconEntry, position: number) => void): void {
    if (node.ends !== null) for (const e of node.ends) hit(e, start);
    if (next >= atoms.length) return;
    if (node.any !== null) this.walk(node.any, atoms, start, next + 1, hit);
    const children = node.next;
    if (children === null) return;
    const here = atoms[next];
    if (here == null) return;
    for (let a = 0; a < here.length; a++) {
      const child = children.get(here[a] as number);
      if (child !== undefined) this.walk(child, atoms, start, next + 1, hit);
    }
  }
}

/** Entries as a trie over atoms: the entries ending at a node, its children by atom, and `_`. */
interface TrieNode {
  ends: LexiconEntry[] | null;
  next: Map<number, TrieNode> | null;
  any: TrieNode | null;
}

function newNode(): TrieNode {
  return { ends: null, next: null, any: null };
}
