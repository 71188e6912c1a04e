/**
 * Storylines of a window, from its slots' clusters and chains.
 *
 * Near-duplicates: a story that lasts several minutes has a cluster in each slot, joined here by
 * locality-sensitive hashing: the 64-bit fingerprints are cut into 8 bands of 8 bits, clusters
 * that share a band are compared, and those within the Hamming threshold are united (union-find).
 * Two fingerprints 11 bits apart share a band with probability 0.9 (0.99 at 6 bits), two
 * unrelated ones 0.03; a story's many clusters are joined through any of their pairs.
 *
 * Repost chains: the slots' chains of the same root are added up; the root post itself becomes
 * the representative when the explainer still holds it.
 */
import type { EvidencePost, Storyline } from '../../domain/signal.ts';
import { DistinctSketch } from './distinct.ts';
import type { Cluster, Story } from './slot.ts';
import { hamming64 } from './simhash.ts';
import { fnv1a } from './tokens.ts';

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    const p = parent[parent[i] as number] as number;
    parent[i] = p;
    i = p;
  }
  return i;
}

function emptyStory(first: EvidencePost): Story {
  return { size: 0, authors: new DistinctSketch(), firstAt: Infinity, lastAt: -Infinity, reach: 0, first };
}

/** Adds story s into the total t. */
export function addStory(t: Story, s: Story): void {
  t.size += s.size;
  t.authors.merge(s.authors);
  t.reach += s.reach;
  if (s.firstAt < t.firstAt || (s.firstAt === t.firstAt && s.first.mentionId < t.first.mentionId)) {
    t.firstAt = s.firstAt;
    t.first = s.first;
  }
  if (s.lastAt > t.lastAt) t.lastAt = s.lastAt;
}

/** The window's near-duplicate stories: its slots' clusters, joined across slots. */
export function joinClusters(clusters: readonly Cluster[], maxHamming: number): Story[] {
  const n = clusters.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let band = 0; band < 8; band++) {
    // In each bucket, compare a cluster with the bucket's leaders only (one per group met so
    // far): a bucket full of one story costs a comparison per cluster, not one per pair.
    const leaders = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const c = clusters[i] as Cluster;
      const key = ((band < 4 ? c.fp0 : c.fp1) >>> (8 * (band & 3))) & 255;
      let ls = leaders.get(key);
      if (ls === undefined) leaders.set(key, (ls = []));
      let joined = false;
      for (const l of ls) {
        const o = clusters[l] as Cluster;
        if (hamming64(c.fp0, c.fp1, o.fp0, o.fp1) <= maxHamming) {
          const a = find(parent, i);
          const b = find(parent, l);
          if (a !== b) parent[a] = b;
          joined = true;
          break;
        }
      }
      if (!joined) ls.push(i);
    }
  }
  const groups = new Map<number, Story>();
  for (let i = 0; i < n; i++) {
    const c = clusters[i] as Cluster;
    const root = find(parent, i);
    let g = groups.get(root);
    if (g === undefined) groups.set(root, (g = emptyStory(c.first)));
    addStory(g, c);
  }
  return [...groups.values()];
}

/** The window's repost chains by root key. */
export function joinChains(chains: Iterable<readonly [string, Story]>): Map<string, Story> {
  const out = new Map<string, Story>();
  for (const [key, s] of chains) {
    let t = out.get(key);
    if (t === undefined) out.set(key, (t = emptyStory(s.first)));
    addStory(t, s);
  }
  return out;
}

function hex(s: string): string {
  return (fnv1a(s) >>> 0).toString(16).padStart(8, '0');
}

export function storyline(kind: Storyline['kind'], key: string, s: Story): Storyline {
  return {
    id: `${kind === 'near_duplicate' ? 'dup' : 'chain'}-${hex(key)}`,
    kind,
    size: s.size,
    authors: s.authors.estimate(),
    firstAt: s.firstAt,
    lastAt: s.lastAt,
    representative: s.first,
    reach: s.reach,
  };
}
