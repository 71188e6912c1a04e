/**
 * The per-kind key tables of docs/sources.md, made from the registry's schemas (their
 * `.describe()` texts and defaults), so that the documentation cannot drift from the code:
 * docs.test.ts checks that the file holds exactly what this makes.
 * `node src/listen/sources/docs.ts` prints them.
 */
import { z } from 'zod';
import { SOURCE_KINDS } from '../live/live-source.ts';
import { SOURCE_REGISTRY } from './registry.ts';

function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
  return s;
}

function describeOf(s: z.ZodType): string {
  for (let i = 0; i < 20; i++) {
    if (s.description !== undefined) return s.description;
    const next = s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable ? (s.unwrap() as z.ZodType) : s instanceof z.ZodPipe ? (s.in as z.ZodType) : s;
    if (next === s) return '';
    s = next;
  }
  return '';
}

function defaultOf(s: z.ZodType): string {
  for (let i = 0; i < 20; i++) {
    if (s instanceof z.ZodDefault) {
      const v: unknown = s.def.defaultValue;
      return typeof v === 'object' && v !== null ? '(see below)' : `\`${JSON.stringify(v)}\``;
    }
    if (s instanceof z.ZodOptional) return '(none)';
    if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else if (s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else return 'required';
  }
  return 'required';
}

/** Rows `| key | default | what |` of an object schema, nested objects (and list elements) as `a.b` / `a[].b`. */
function rows(schema: z.ZodType, prefix: string, secrets: readonly string[]): string[] {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
    const path = `${prefix}${key}`;
    const secret = secrets.includes(path.replaceAll('[]', '.*')) ? ' **Secret**: `env:NAME` or `enc:v1:…`.' : '';
    out.push(`| \`${path}\` | ${defaultOf(child)} | ${describeOf(child).replaceAll('|', '\\|')}${secret} |`);
    const u = unwrap(child);
    if (u instanceof z.ZodObject) out.push(...rows(u, `${path}.`, secrets));
    else if (u instanceof z.ZodArray) {
      const el = unwrap(u.element as z.ZodType);
      if (el instanceof z.ZodObject) out.push(...rows(el, `${path}[].`, secrets));
      else if (el instanceof z.ZodUnion) {
        for (const o of el.options as z.ZodType[]) if (unwrap(o) instanceof z.ZodObject) out.push(...rows(o, `${path}[].`, secrets));
      }
    }
  }
  return out;
}

/** One `### <kind>` section per kind in the registry. */
export function sourceKindSections(): string {
  const parts: string[] = [];
  for (const kind of SOURCE_KINDS) {
    const entry = SOURCE_REGISTRY[kind];
    if (entry === undefined) continue;
    parts.push([`### ${kind}`, '', describeOf(entry.schema), '', '| key | default | what |', '|---|---|---|', ...rows(entry.schema, '', entry.secrets), ''].join('\n'));
  }
  return parts.join('\n');
}

export const DOC_START = '<!-- source kinds: made by `node src/listen/sources/docs.ts --write`, do not edit by hand -->';
export const DOC_END = '<!-- end of source kinds -->';

/** The document with its generated part replaced by what the schemas say now. */
export function withKindSections(doc: string): string {
  const a = doc.indexOf(DOC_START);
  const b = doc.indexOf(DOC_END);
  if (a < 0 || b < a) throw new Error(`docs/sources.md: the markers ${DOC_START} … ${DOC_END} are missing`);
  return `${doc.slice(0, a + DOC_START.length)}\n\n${sourceKindSections()}\n${doc.slice(b)}`;
}

if (import.meta.main) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const file = new URL('../../../docs/sources.md', import.meta.url);
  if (process.argv.includes('--write')) writeFileSync(file, withKindSections(readFileSync(file, 'utf8')));
  else process.stdout.write(sourceKindSections());
}
