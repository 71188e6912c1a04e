/**
 * The `sources:` list of vigie.yaml: each entry is `{id, kind, enabled, ...the kind's own keys}`,
 * checked by the kind's schema from the registry (errors name `sources[i].<key>`), with its
 * secrets written as `env:NAME` or `enc:v1:…` (a plain-text secret is refused).
 */
import { z } from 'zod';
import { SOURCE_KINDS, type SourceKind } from '../live/live-source.ts';
import { SOURCE_REGISTRY } from './registry.ts';
import { isSecretReference, plainSecretMessage, visitSecretPaths } from './secrets.ts';

export const SOURCE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** One configured source, as validated. `settings` are the kind's keys as written (secrets still encrypted). */
export interface SourceEntry {
  id: string;
  kind: SourceKind;
  enabled: boolean;
  settings: Record<string, unknown>;
}

function isKind(k: unknown): k is SourceKind {
  return typeof k === 'string' && (SOURCE_KINDS as readonly string[]).includes(k);
}

/** Validates the list; issues carry paths relative to the list ([i, key…]). */
export function checkSourceEntries(entries: readonly unknown[], ctx: z.RefinementCtx): SourceEntry[] {
  const out: SourceEntry[] = [];
  const ids = new Set<string>();
  entries.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      ctx.addIssue({ code: 'custom', path: [i], message: 'expected a source: a mapping with id, kind and the keys of its kind' });
      return;
    }
    const { id, kind, enabled, ...settings } = raw as Record<string, unknown>;
    let ok = true;
    if (typeof id !== 'string' || !SOURCE_ID.test(id)) {
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'expected a source id: 1–63 lowercase letters, digits or "-", starting with a letter or digit' });
      ok = false;
    } else if (ids.has(id)) {
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate source id "${id}" (another source above has it)` });
      ok = false;
    } else ids.add(id);
    if (enabled !== undefined && typeof enabled !== 'boolean') {
      ctx.addIssue({ code: 'custom', path: [i, 'enabled'], message: 'expected true or false' });
      ok = false;
    }
    if (!isKind(kind)) {
      ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: `expected one of ${SOURCE_KINDS.join(', ')}` });
      return;
    }
    const entry = SOURCE_REGISTRY[kind];
    if (entry === undefined) {
      const known = SOURCE_KINDS.filter((k) => SOURCE_REGISTRY[k] !== undefined);
      ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: `the ${kind} connector is not part of this build yet; available: ${known.join(', ')}` });
      return;
    }
    const parsed = entry.schema.safeParse(settings);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) {
            ctx.addIssue({ code: 'custom', path: [i, ...issue.path, key], message: `unknown key for kind ${kind} (its keys are in docs/sources.md); got ${key}` });
          }
        } else {
          ctx.addIssue({ code: 'custom', path: [i, ...issue.path], message: issue.message });
        }
      }
      ok = false;
    }
    visitSecretPaths(settings, entry.secrets, (path, value) => {
      if (!isSecretReference(value)) {
        ctx.addIssue({ code: 'custom', path: [i, ...path], message: `${plainSecretMessage()}; got a plain value` });
        ok = false;
      }
    });
    if (ok) out.push({ id: id as string, kind, enabled: enabled !== false, settings });
  });
  return out;
}

/** The `sources:` key of ConfigFileSchema. */
export const SourcesSection = z
  .array(z.unknown(), { error: 'expected a list of sources' })
  .default([])
  .transform((entries, ctx) => checkSourceEntries(entries, ctx))
  .describe('Live sources (X, Bluesky, Mastodon, Reddit, RSS, inbound webhooks) `vigie serve` listens to: a list of {id, kind, enabled, ...the keys of the kind}; see docs/sources.md.');
