import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError } from './errors.ts';

export interface YamlSource {
  /** The file as the user named it, for messages. */
  file: string;
  data: unknown;
  /**
   * The 1-based line of the value at `path`, or of `key` inside the mapping at `path` when given;
   * falls back to the nearest ancestor that exists in the file.
   */
  lineOf(path: readonly PropertyKey[], key?: string): number | null;
}

export function readYamlSource(file: string, absPath: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(err);
    throw new ConfigError([`${file}: cannot read the configuration file (${why}); check --config or VIGIE_CONFIG`]);
  }
  return parseYamlSource(file, text);
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? ` line ${pos.line} column ${pos.col}` : '';
        const first = e.message.split('\n')[0] ?? e.message;
        return `${file}${where}: YAML syntax error: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
    );
  }
  const data: unknown = doc.toJS() ?? {};
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  return { file, data, lineOf: (path, key) => locate(doc, path, key, lineAt) };
}

function locate(
  doc: Document,
  path: readonly PropertyKey[],
  key: string | undefined,
  lineAt: (offset: number) => number,
): number | null {
  const keys = path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  for (let n = keys.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    if (node === undefined || node === null) continue;
    if (key !== undefined && n === keys.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return lineAt(range[0]);
    }
    if (n < keys.length && isMap(node)) {
      // The key exists but has no value node (e.g. `port:` with nothing): point at the key.
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(keys[n]));
      if (pair && isScalar(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
    }
    const range = (node as { range?: [number, number, number] }).range;
    if (range) return lineAt(range[0]);
  }
  return null;
}
