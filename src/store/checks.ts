import { BrandSchema, NewBrandSchema, type Brand, type NewBrand } from '../domain/brand.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';
import type { MentionQuery } from './store.ts';
import { StoreError } from './store.ts';

/** Input checks both stores run before touching the database. */

export function checkMentionsWorkspace(ws: WorkspaceId, mentions: readonly Mention[]): void {
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.workspaceId !== ws) {
      throw new StoreError(
        'invalid',
        `mention ${i} (${m.id}) belongs to workspace "${m.workspaceId}", not "${ws}": upsert each workspace's mentions separately`,
      );
    }
  }
}

export function checkPageQuery(query: MentionQuery): void {
  const { limit, from, to } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new StoreError('invalid', `limit must be an integer from 1 to 500 (got ${String(limit)})`);
  }
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (v !== undefined && !Number.isSafeInteger(v)) {
      throw new StoreError('invalid', `${name} must be epoch milliseconds (got ${String(v)})`);
    }
  }
}

function zodMessage(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(brand)'}: ${i.message}`).join('; ');
}

/** Validates a new brand and stamps its workspace and creation time. */
export function parseNewBrand(ws: WorkspaceId, brand: NewBrand, now: number): Brand {
  const parsed = NewBrandSchema.safeParse(brand);
  if (!parsed.success) throw new StoreError('invalid', `invalid brand: ${zodMessage(parsed.error)}`);
  return { ...parsed.data, workspaceId: ws, createdAt: now };
}

export function parseBrand(ws: WorkspaceId, brand: Brand): Brand {
  const parsed = BrandSchema.safeParse(brand);
  if (!parsed.success) throw new StoreError('invalid', `invalid brand: ${zodMessage(parsed.error)}`);
  if (parsed.data.workspaceId !== ws) {
    throw new StoreError('invalid', `brand ${brand.id} belongs to workspace "${parsed.data.workspaceId}", not "${ws}"`);
  }
  return parsed.data;
}

/** What is kept as the brand's JSON definition (id, workspace and creation time are columns). */
export function brandDefinition(b: Brand): string {
  const { id: _id, workspaceId: _ws, createdAt: _c, ...definition } = b;
  return JSON.stringify(definition);
}

export function brandFromRow(ws: string, id: string, createdAt: number, definition: string): Brand {
  return { ...(JSON.parse(definition) as Omit<Brand, 'id' | 'workspaceId' | 'createdAt'>), id, workspaceId: ws as WorkspaceId, createdAt };
}
