import type { Brand } from '../../domain/brand.ts';
import { fold } from './fold.ts';
import { isHandle, words } from './tokenize.ts';

/**
 * The query used for a brand that has no listening query: its name, aliases and keywords as
 * phrases, and each handle as `@handle OR from:handle`, all ORed. Null when none of them is
 * usable (no letters, digits or emoji; a handle with spaces).
 */
export function defaultQueryText(brand: Pick<Brand, 'name' | 'aliases' | 'keywords' | 'handles'>): string | null {
  const parts: string[] = [];
  const seen = new Set<string>();
  const add = (part: string, key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    parts.push(part);
  };
  for (const name of [brand.name, ...brand.aliases, ...brand.keywords]) {
    const clean = name.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
    const ws = words(fold(clean));
    if (ws.length > 0) add(`"${clean}"`, `"${ws.join(' ')}"`);
  }
  for (const raw of brand.handles) {
    const handle = raw.trim().replace(/^@/, '');
    if (!isHandle(fold(handle))) continue;
    add(`@${handle}`, `@${fold(handle)}`);
    add(`from:${handle}`, `from:${fold(handle)}`);
  }
  return parts.length === 0 ? null : parts.join(' OR ');
}
