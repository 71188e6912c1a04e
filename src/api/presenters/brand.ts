import type { Brand } from '../../domain/brand.ts';
import { isoTime } from './time.ts';

/** A brand as the API returns it (the workspace is implied by the request). */
export interface BrandView {
  id: string;
  name: string;
  aliases: string[];
  handles: string[];
  keywords: string[];
  queries: { id: string; text: string; enabled: boolean }[];
  languages: string[];
  ownedAccounts: string[];
  employeeHandles: string[];
  employeeDomains: string[];
  createdAt: string;
}

export function presentBrand(b: Brand): BrandView {
  return {
    id: b.id,
    name: b.name,
    aliases: [...b.aliases],
    handles: [...b.handles],
    keywords: [...b.keywords],
    queries: b.queries.map((q) => ({ id: q.id, text: q.text, enabled: q.enabled })),
    languages: [...b.languages],
    ownedAccounts: [...b.ownedAccounts],
    employeeHandles: [...b.employeeHandles],
    employeeDomains: [...b.employeeDomains],
    createdAt: isoTime(b.createdAt),
  };
}
