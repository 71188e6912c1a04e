/**
 * Storylines of a window, from its slots' clusters and chains.
 *
 * Near-duplicates: a story that lasts several minutes has a cluster in each slot, joined here
 * with locality-sensitive hashing: the 64-bit fingerprints are cut into 8 bands of 8 bits, and a
 * cluster is compared only with the stories' leaders that share a band with it. Two fingerprints
 * 12 bits apart share a band with probability 0.82 (0.99 at 6 bits), two unrelated ones 0.03.
 *
 * Repost chains: the slots' chains of the same root are added up; the root post itself becomes
 * the representative when the explainer still holds it.
 *
 * Each storyline carries its coordination score, from the profile tallies its members added up
 * (src/understand/coordination.ts).
 */
import type { EvidencePost, Storyline } from '../../domain/signal.ts';
import { coordinationScore, emptyProfileCounts, mergeProfileCounts } from '../../understand/coordination.ts';
import { DistinctSketch } from './distinct.ts';
import type { Cluster, Story } from './slot.ts';
import { hamming64 } from './simhash.ts';
import { fnv1a } from './tokens.ts';

function emptyStory(first: EvidencePost): Story {
  return { size: 0, authors: new DistinctSketch(), firstAt: Infinity, lastAt: -Infinity, reach: 0, first, profiles: emptyProfileCounts() };
}

/** Adds story s into the total t. */
export function addStory(t: Story, s: Story): void {
  t.size += s.size;
  t.authors.merge(s.authors);
  t.reach += s.reach;
  mergeProfileCounts(t.profiles, s.profiles);
  if (s.firstAt < t.firstAt || (s.firstAt === t.firstAt && s.first.mentionId < t.first.mentionId)) {
    t.firstAt = s.firstAt;
    t.first = s.first;
  }
  if (s.lastAt > t.lastAt) t.lastAt = s.lastAt;
}

/**
 * The window's near-duplicate stories: its slots' clusters, joined across slots. Leader
 * clustering, earliest first: a cluster joins the nearest story whose leader (first cluster) is
 * within the threshold, else leads a story of its own. Not union-find: joining through chains of
 * neighbours would merge different texts on one topic into one story.
 */
export function joinClusters(clusters: readonly Cluster[], maxHamming: number): Story[] {
  const sorted = [...clusters].sort((a, b) => a.firstAt - b.firstAt || (a.first.mentionId < b.first.mentionId ? -1 : 1));
  const leaders: Cluster[] = [];
  const stories: Story[] = [];
  /** Leaders by band: key band × 256 + the band's byte. */
  const buckets = new Map<number, number[]>();
  const bandKey = (c: Cluster, band: number): number => band * 256 + (((band < 4 ? c.fp0 : c.fp1) >>> (8 * (band & 3))) & 255);
  for (const c of sorted) {
    let best = -1;
    let bestDistance = maxHamming + 1;
    for (let band = 0; band < 8; band++) {
      for (const l of buckets.get(bandKey(c, band)) ?? []) {
        const o = leaders[l] as Cluster;
        const d = hamming64(c.fp0, c.fp1, o.fp0, o.fp1);
        if (d < bestDistance || (d === bestDistance && l < best)) {
          best = l;
          bestDistance = d;
        }
      }
    }
    if (best >= 0) {
      addStory(stories[best] as Story, c);
      continue;
    }
    const story = emptyStory(c.first);
    addStory(story, c);
    for (let band = 0; band < 8; band++) {
      const key = bandKey(c, band);
      const list = buckets.get(key);
      if (list === undefined) buckets.set(key, [leaders.length]);
      else list.push(leaders.length);
    }
    leaders.push(c);
    stories.push(story);
  }
  return stories;
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

/** A story as the evidence shows it (without its coordination score: see withCoordination). */
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

/** Adds the coordination score of its story to a storyline (done for the storylines shown only). */
export function withCoordination(line: Storyline, s: Story): Storyline {
  line.coordination = coordinationScore({ kind: line.kind, posts: s.size, authors: line.authors, firstAt: s.firstAt, lastAt: s.lastAt, profiles: s.profiles });
  return line;
}
