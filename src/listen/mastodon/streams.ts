/**
 * The streams a Mastodon instance is listened to on: one per hashtag (from the configuration and
 * the brands) and optionally the public timeline. Each stream knows its SSE path, its WebSocket
 * subscribe frame, the timeline that fills its gaps, and its checkpoint key.
 */
import type { Brand } from '../../domain/brand.ts';
import type { QueryNode } from '../query/ast.ts';
import { parseQuery } from '../query/parser.ts';
import type { MastodonInstanceConfig } from './mastodon-config.ts';

export interface StreamSpec {
  /** Checkpoint key: `hashtag:<tag>`, `hashtag:local:<tag>` (tag lowercased), `public`, `public:local`, `public:remote`. */
  key: string;
  /** For messages: `#Kerlann`, `the public timeline`. */
  label: string;
  /** SSE path and query, relative to the streaming base URL. */
  ssePath: string;
  /** The WebSocket subscribe frame. */
  subscribe: { type: 'subscribe'; stream: string; tag?: string };
  /** The timeline that fills this stream's gaps: path and query (without min_id and limit). */
  timelinePath: string;
  timelineQuery: Record<string, string>;
}

const HASHTAG_BODY = /^[\p{L}\p{N}_]+$/u;
const HAS_LETTER = /\p{L}/u;

function collectTags(node: QueryNode, into: string[]): void {
  switch (node.kind) {
    case 'hashtag':
      into.push(node.raw.replace(/^#/, ''));
      return;
    case 'and':
    case 'or':
      for (const c of node.children) collectTags(c, into);
      return;
    default:
      // Terms, phrases, handles… are not hashtags; a #tag under NOT is not worth streaming.
      return;
  }
}

/**
 * The brands' hashtags: every #tag of their enabled listening queries (outside NOT), and their
 * names and aliases written as one word ("Kerlann Cuisine" → KerlannCuisine) when that makes a
 * valid hashtag. Queries that do not parse are skipped (the configuration check reports them).
 */
export function brandHashtags(brands: readonly Brand[]): string[] {
  const tags: string[] = [];
  for (const brand of brands) {
    for (const q of brand.queries) {
      if (!q.enabled) continue;
      try {
        collectTags(parseQuery(q.text), tags);
      } catch {
        // reported by the configuration check, not here
      }
    }
    for (const name of [brand.name, ...brand.aliases]) {
      const joined = name.normalize('NFC').replace(/[\s'’.\-&]+/gu, '');
      if (HASHTAG_BODY.test(joined) && HAS_LETTER.test(joined)) tags.push(joined);
    }
  }
  return tags;
}

function hashtagStream(tag: string, localOnly: boolean): StreamSpec {
  const enc = encodeURIComponent(tag);
  return {
    key: `${localOnly ? 'hashtag:local' : 'hashtag'}:${tag.toLowerCase()}`,
    label: `#${tag}`,
    ssePath: `/api/v1/streaming/hashtag${localOnly ? '/local' : ''}?tag=${enc}`,
    subscribe: { type: 'subscribe', stream: localOnly ? 'hashtag:local' : 'hashtag', tag },
    timelinePath: `/api/v1/timelines/tag/${enc}`,
    timelineQuery: localOnly ? { local: 'true' } : {},
  };
}

function publicStream(which: 'all' | 'local' | 'remote'): StreamSpec {
  const stream = which === 'all' ? 'public' : `public:${which}`;
  return {
    key: stream,
    label: which === 'all' ? 'the public timeline' : `the public timeline (${which})`,
    ssePath: `/api/v1/streaming/public${which === 'all' ? '' : `/${which}`}`,
    subscribe: { type: 'subscribe', stream },
    timelinePath: '/api/v1/timelines/public',
    timelineQuery: which === 'all' ? {} : { [which]: 'true' },
  };
}

/**
 * The streams of one instance: its configured hashtags, then the brands' (when enabled), without
 * duplicates (case-insensitive), at most `maxHashtags` (the rest is returned in `dropped`), and
 * the public stream when enabled.
 */
export function instanceStreams(
  inst: Pick<MastodonInstanceConfig, 'hashtags' | 'hashtagsFromBrands' | 'localOnly' | 'publicStream'>,
  brands: readonly Brand[],
  maxHashtags: number,
): { streams: StreamSpec[]; dropped: string[] } {
  const wanted = [...inst.hashtags.map((t) => t.replace(/^#/, '')), ...(inst.hashtagsFromBrands ? brandHashtags(brands) : [])];
  const seen = new Set<string>();
  const streams: StreamSpec[] = [];
  const dropped: string[] = [];
  for (const tag of wanted) {
    const k = tag.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    if (streams.length >= maxHashtags) dropped.push(`#${tag}`);
    else streams.push(hashtagStream(tag, inst.localOnly));
  }
  if (inst.publicStream !== 'off') streams.push(publicStream(inst.publicStream));
  return { streams, dropped };
}

/** The checkpoint key of a WebSocket frame's `stream` (`["hashtag","Kerlann"]`), or null. */
export function streamKeyOfFrame(stream: unknown): string | null {
  if (!Array.isArray(stream) || typeof stream[0] !== 'string') return null;
  const [name, tag] = stream as [string, unknown];
  if (name === 'hashtag' || name === 'hashtag:local') return typeof tag === 'string' && tag !== '' ? `${name}:${tag.toLowerCase()}` : null;
  if (name === 'public' || name === 'public:local' || name === 'public:remote') return name;
  return null;
}
