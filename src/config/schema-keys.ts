import { z } from 'zod';

/** Strips default / optional / nullable / pipe wrappers to reach the schema that has a shape. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (let i = 0; i < 20; i++) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      // A preprocess (transform → schema) has its keys on the output side.
      s = (s.in instanceof z.ZodTransform ? s.out : s.in) as z.ZodType;
    } else {
      return s;
    }
  }
  return s;
}

/** The schema found at `path` (array indices step into the element), or null. */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | null {
  let s: z.ZodType = root;
  for (const key of path) {
    const inner = unwrap(s);
    if (inner instanceof z.ZodObject && typeof key === 'string' && key in inner.shape) {
      s = inner.shape[key] as z.ZodType;
    } else if (inner instanceof z.ZodArray && typeof key === 'number') {
      s = inner.element as z.ZodType;
    } else {
      return null;
    }
  }
  return s;
}

/** The keys an object schema at `path` accepts. */
export function knownKeys(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(root, path);
  const inner = s === null ? null : unwrap(s);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** The description of a schema, looking through its wrappers. */
export function describeOf(schema: z.ZodType): string | undefined {
  let s: z.ZodType = schema;
  for (let i = 0; i < 20; i++) {
    if (s.description !== undefined) return s.description;
    const next = unwrapOnce(s);
    if (next === s) return undefined;
    s = next;
  }
  return undefined;
}

function unwrapOnce(s: z.ZodType): z.ZodType {
  if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) return s.unwrap() as z.ZodType;
  if (s instanceof z.ZodPipe) return (s.in instanceof z.ZodTransform ? s.out : s.in) as z.ZodType;
  return s;
}

/** Every leaf key path of the schema ("http.port"), not descending into arrays. */
export function leafPaths(root: z.ZodType, prefix: string[] = []): string[][] {
  const inner = unwrap(root);
  if (!(inner instanceof z.ZodObject)) return [prefix];
  return Object.entries(inner.shape).flatMap(([k, v]) => leafPaths(v as z.ZodType, [...prefix, k]));
}

/** The candidate closest to `word` by edit distance, if close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
