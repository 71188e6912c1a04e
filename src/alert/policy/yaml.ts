/**
 * YAML import and export of the alerting configuration (teams, escalation policies, routing), as the
 * API and CLI use it. Import validates everything at once and names each problem by
 * file:line:column of the offending node (the value, else its key, else the nearest ancestor present
 * in the file), then the field path and what to fix. Export writes YAML that imports back equal.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node } from 'yaml';
import { AlertingConfigError, formatPath, validateAlerting, type AlertingConfig, type ProblemPath } from './validate.ts';

const TOP_KEYS = ['teams', 'policies', 'routing'] as const;

/** Ids that exist outside the file (from the store); omitted lists are not checked. */
export interface KnownRefs {
  users?: readonly string[];
  schedules?: readonly string[];
  channels?: readonly string[];
}

/** The byte offset of the node at `path` (value, else key, else nearest ancestor), or null. */
export function offsetOf(root: Node | null, path: ProblemPath): number | null {
  let node: unknown = root;
  let best: number | null = (root as { range?: number[] } | null)?.range?.[0] ?? null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return best;
      const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (keyStart !== undefined) best = keyStart;
      node = pair.value;
      const valueStart = (pair.value as { range?: number[] } | null)?.range?.[0];
      // A key with nothing after it keeps pointing at the key.
      if (valueStart !== undefined && pair.value !== null && !(isScalar(pair.value) && pair.value.value === null && pair.value.source === ''))
        best = valueStart;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return best;
      node = item;
      const start = (item as { range?: number[] } | null)?.range?.[0];
      if (start !== undefined) best = start;
    } else {
      return best;
    }
  }
  return best;
}

/**
 * Parses and validates an alerting YAML file. Returns the config, or throws AlertingConfigError whose
 * problems read "file:line:column: path: message", sorted by position.
 */
export function loadAlertingYaml(text: string, file: string, known: KnownRefs = {}): AlertingConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new AlertingConfigError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `:${pos.line}:${pos.col}` : '';
        const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        return `${file}${where}: YAML syntax error: ${first}`;
      }),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const at = (path: ProblemPath): { line: number; col: number; label: string } => {
    const off = offsetOf(doc.contents, path);
    if (off === null) return { line: 1, col: 1, label: `${file}:1:1` };
    const { line, col } = lineCounter.linePos(off);
    return { line, col, label: `${file}:${line}:${col}` };
  };
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    throw new AlertingConfigError([
      `${at([]).label}: the file must be a mapping with ${TOP_KEYS.join(', ')} (got ${data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : typeof data})`,
    ]);
  }
  const obj = data as Record<string, unknown>;
  const problems: { path: ProblemPath; message: string }[] = [];
  for (const k of Object.keys(obj))
    if (!(TOP_KEYS as readonly string[]).includes(k))
      problems.push({ path: [k], message: `unknown top-level key "${k}" (expected ${TOP_KEYS.join(', ')})` });
  const r = validateAlerting({ ...known, teams: obj.teams, policies: obj.policies, routing: obj.routing });
  if (!r.ok) problems.push(...r.problems);
  if (problems.length > 0) {
    const located = problems.map((p) => ({ ...at(p.path), text: `${formatPath(p.path)}: ${p.message}` }));
    located.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new AlertingConfigError(located.map((p) => `${p.label}: ${p.text}`));
  }
  if (!r.ok) throw new Error('unreachable');
  return r.config;
}

/** Writes the configuration as YAML (teams, policies, routing) that loadAlertingYaml reads back equal. */
export function dumpAlertingYaml(config: AlertingConfig): string {
  const plain = JSON.parse(JSON.stringify({ teams: config.teams, policies: config.policies, routing: config.routing })) as unknown;
  return stringify(plain, { lineWidth: 0, aliasDuplicateObjects: false });
}
