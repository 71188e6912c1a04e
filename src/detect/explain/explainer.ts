/**
 * "Why it spikes", incrementally, for one brand (the BrandExplainer of src/detect/types.ts).
 *
 * `observe` digests each mention once (tokens, SimHash) into the slot of its minute. The latest
 * `horizonSlots` slots that have mentions are held (the recent horizon: 3 hours at default
 * settings for a brand mentioned every minute, longer for a quieter one). A slot leaving the
 * horizon is added to the brand's decayed baseline vocabulary, so a crisis under way is not part
 * of its own baseline; a mention older than the horizon goes straight to the baseline.
 *
 * Memory is bounded per brand whatever the volume: horizonSlots slots, each holding at most
 * 2 × termsPerSlot terms, postsPerSlot + languagesPerSlot × samplesPerLanguage posts,
 * 2 × authorsPerSlot authors, clustersPerSlot clusters and 2 × chainsPerSlot chains; plus
 * 1.5 × baselineTerms baseline counts (keys only, no text). With the defaults, 13–17 MB of heap
 * for a brand that fills every bound (varied texts at 60 mentions a minute or more for three
 * hours), about 4 MB at 5 mentions a minute (explain.bench.ts).
 *
 * `explain(from, to)` merges the window's slots and compares its terms with the baseline before
 * `from` (see baselineAt). Each storyline shown carries a coordination score, from tallies of
 * its members' author profiles kept per story (src/understand/coordination.ts). The window is rounded outward to whole slots and clipped to the
 * horizon; the evidence's `from` and `to` say what it covers.
 */
import type { Evidence, EvidenceAuthor, EvidencePost, Storyline } from '../../domain/signal.ts';
import type { BrandExplainer, ExplainableMention } from '../types.ts';
import { DecayedVocabulary } from './baseline.ts';
import { BoundedCounts } from './bounded-counts.ts';
import { byReach, reachOf } from './evidence-post.ts';
import { type ExplainerLimits, type ExplainerOptions, resolveLimits } from './options.ts';
import { type AuthorTally, type Cluster, Digest, Slot, type Story, UNKNOWN_LANG } from './slot.ts';
import { joinChains, joinClusters, storyline, withCoordination } from './storylines.ts';
import { type BaselineView, selectBurstTerms, type TermCounts } from './terms.ts';
import { fnv1a, Tokenizer } from './tokens.ts';

/** What the explainer holds, for tests and metrics. */
export interface ExplainerStats {
  /** Slots in the recent horizon, and the mentions they summarise. */
  slots: number;
  mentionsHeld: number;
  /** Entries summed over the held slots. */
  slotTerms: number;
  posts: number;
  authors: number;
  clusters: number;
  chains: number;
  baselineTerms: number;
  /** Start (ms) of the oldest time the horizon still covers, or null when nothing has left it. */
  horizonStart: number | null;
  /** Mentions older than the horizon when they came (counted in the baseline only). */
  tooLate: number;
  /** Mentions without a usable time (ignored). */
  ignored: number;
  /** The largest count of each structure in any one held slot (each has a fixed bound). */
  largestSlot: { terms: number; posts: number; authors: number; clusters: number; chains: number; languages: number };
}

export interface IncrementalExplainer extends BrandExplainer {
  stats(): ExplainerStats;
}

export function createBrandExplainer(options?: ExplainerOptions): IncrementalExplainer {
  return new Explainer(resolveLimits(options));
}

function emptyEvidence(from: number, to: number): Evidence {
  return { from, to, mentions: 0, terms: [], hashtags: [], topPosts: [], topAuthors: [], storylines: [], samples: [] };
}

class Explainer implements IncrementalExplainer {
  private readonly lim: ExplainerLimits;
  /** Held slots, ascending by index. */
  private readonly slots: Slot[] = [];
  /** Every slot index up to this one is in the baseline only. */
  private evictedThrough = -Infinity;
  private readonly baseline: DecayedVocabulary;
  private readonly tokenizer = new Tokenizer();
  private readonly digest = new Digest();
  private tooLate = 0;
  private ignored = 0;

  constructor(limits: ExplainerLimits) {
    this.lim = limits;
    this.baseline = new DecayedVocabulary(limits.halfLifeMs, limits.baselineTerms);
  }

  observe(m: ExplainableMention): void {
    const t = m.createdAt;
    if (!Number.isFinite(t)) {
      this.ignored++;
      return;
    }
    const idx = Math.floor(t / this.lim.slotMs);
    const rel = m.relations;
    const slot = idx > this.evictedThrough ? this.slotFor(idx) : null;
    const tokens = this.tokenizer.read(typeof m.text === 'string' ? m.text : '', slot !== null && rel.repostOf === null && rel.quoteOf === null);
    if (slot === null) {
      this.tooLate++;
      this.evictedThrough = Math.max(this.evictedThrough, idx);
      this.toBaseline(tokens, t);
      return;
    }
    const d = this.digest;
    d.reset(m);
    d.tokens = tokens;
    d.reach = reachOf(m);
    d.lang = m.lang ?? UNKNOWN_LANG;
    const rt = tokens.retweet;
    d.chainKey = rel.repostOf ?? rel.quoteOf ?? (rt === null ? null : `rt:@${rt.handle}:${rt.gist}`);
    d.repost = rel.repostOf !== null || (rel.quoteOf === null && rt !== null);
    d.authorHash = fnv1a(m.author.id);
    slot.add(d);
  }

  private toBaseline(tokens: Tokenizer, t: number): void {
    for (let i = 0; i < tokens.count; i++) this.baseline.add(tokens.keys[i] as number, 1, t);
    this.baseline.addMentions(1, t);
  }

  /** The held slot for idx, made if need be; null when it would be older than all of a full horizon. */
  private slotFor(idx: number): Slot | null {
    const s = this.slots;
    const last = s[s.length - 1];
    if (last !== undefined && last.index === idx) return last;
    let at = s.length;
    if (last !== undefined && idx < last.index) {
      let lo = 0;
      let hi = s.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((s[mid] as Slot).index < idx) lo = mid + 1;
        else hi = mid;
      }
      if (s[lo]?.index === idx) return s[lo] as Slot;
      if (lo === 0 && s.length >= this.lim.horizonSlots) return null;
      at = lo;
    }
    const slot = new Slot(idx, this.lim);
    s.splice(at, 0, slot);
    while (s.length > this.lim.horizonSlots) this.evict(s.shift() as Slot);
    return slot;
  }

  private evict(slot: Slot): void {
    const t = slot.index * this.lim.slotMs;
    for (const [key, e] of slot.terms.entries) this.baseline.add(key, e.count, t);
    this.baseline.addMentions(slot.mentions, t);
    this.evictedThrough = Math.max(this.evictedThrough, slot.index);
  }

  explain(from: number, to: number): Evidence {
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      throw new RangeError(`explain(from, to) needs two finite times in epoch ms (got ${from}, ${to}).`);
    }
    if (to <= from) return emptyEvidence(from, to);
    const ms = this.lim.slotMs;
    const hi = Math.ceil(to / ms);
    const lo = Math.max(Math.floor(from / ms), this.evictedThrough + 1);
    if (lo >= hi) return emptyEvidence(hi * ms, hi * ms);
    const start = lo * ms;
    const window = this.slots.filter((s) => s.index >= lo && s.index < hi);
    const before = this.slots.filter((s) => s.index < lo);
    const evidence = emptyEvidence(start, hi * ms);
    if (window.length === 0) return evidence;

    const counts: TermCounts = { window: new BoundedCounts(Infinity), mentions: 0 };
    for (const s of window) {
      counts.mentions += s.mentions;
      for (const [key, e] of s.terms.entries) counts.window.add(key, e.term, e.count);
    }
    evidence.mentions = counts.mentions;
    const burst = selectBurstTerms(counts, this.baselineAt(start, before), this.lim);
    evidence.terms = burst.terms;
    evidence.hashtags = burst.hashtags;
    evidence.topPosts = this.topPosts(window);
    evidence.topAuthors = this.topAuthors(window);
    evidence.samples = this.samples(window);
    evidence.storylines = this.storylines(window, start, hi * ms);
    // The posts are the explainer's own: a caller changing its copy must not change them.
    return structuredClone(evidence);
  }

  /**
   * The baseline as seen from `start`: the decayed vocabulary of the slots that left the horizon.
   * While it holds fewer than `baselineMinMentions` (a new or quiet brand), the held slots before
   * the window are added, weighed by the same decay: a brand watched for an hour still has one.
   * Not after: a crisis lasting longer than the window would otherwise explain itself away.
   */
  private baselineAt(start: number, held: readonly Slot[]): BaselineView {
    let mentions = this.baseline.mentions(start);
    const before = mentions < this.lim.baselineMinMentions ? held : [];
    const weights = before.map((s) => 2 ** (-(start - s.index * this.lim.slotMs) / this.lim.halfLifeMs));
    before.forEach((s, i) => (mentions += (weights[i] as number) * s.mentions));
    return {
      mentions,
      count: (key) => {
        let c = this.baseline.count(key, start);
        before.forEach((s, i) => (c += (weights[i] as number) * (s.terms.get(key)?.count ?? 0)));
        return c;
      },
    };
  }

  private topPosts(window: readonly Slot[]): EvidencePost[] {
    const byId = new Map<string, EvidencePost>();
    for (const s of window) for (const p of s.topPosts) byId.set(p.mentionId, p);
    return [...byId.values()].sort(byReach).slice(0, this.lim.topPosts);
  }

  /** The most reached authors, and among them room kept for the most active ones. */
  private topAuthors(window: readonly Slot[]): EvidenceAuthor[] {
    const all = new Map<string, AuthorTally>();
    for (const s of window) {
      for (const a of s.authors.values()) {
        const t = all.get(a.authorId);
        if (t === undefined) all.set(a.authorId, { ...a });
        else {
          t.mentions += a.mentions;
          t.reach += a.reach;
          t.handle = a.handle ?? t.handle;
          t.followers = a.followers ?? t.followers;
          t.stakeholder = a.stakeholder ?? t.stakeholder;
        }
      }
    }
    const n = this.lim.topAuthors;
    const byReachDesc = [...all.values()].sort((a, b) => b.reach - a.reach || b.mentions - a.mentions || (a.authorId < b.authorId ? -1 : 1));
    const chosen = new Set(byReachDesc.slice(0, n - Math.min(3, n >> 2)));
    const byCount = [...byReachDesc].sort((a, b) => b.mentions - a.mentions);
    for (const a of byCount) {
      if (chosen.size >= n || a.mentions < 2) break;
      chosen.add(a);
    }
    for (const a of byReachDesc) {
      if (chosen.size >= n) break;
      chosen.add(a);
    }
    return byReachDesc
      .filter((a) => chosen.has(a))
      .map((a) => ({ authorId: a.authorId, handle: a.handle, followers: a.followers, stakeholder: a.stakeholder, mentions: a.mentions, reach: a.reach }));
  }

  private samples(window: readonly Slot[]): Evidence['samples'] {
    const perLang = new Map<string, { count: number; posts: EvidencePost[] }>();
    for (const s of window) {
      for (const [lang, c] of s.langs) {
        let e = perLang.get(lang);
        if (e === undefined) perLang.set(lang, (e = { count: 0, posts: [] }));
        e.count += c;
        e.posts.push(...(s.samples.get(lang) ?? []));
      }
    }
    return [...perLang]
      .filter(([, e]) => e.posts.length > 0)
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .slice(0, this.lim.sampleLanguages)
      .map(([lang, e]) => ({ lang, mentions: e.posts.sort(byReach).slice(0, this.lim.samplesPerLanguage) }));
  }

  private storylines(window: readonly Slot[], start: number, end: number): Storyline[] {
    const out: [Storyline, Story][] = [];
    const clusters: Cluster[] = [];
    for (const s of window) clusters.push(...s.clusters);
    for (const story of joinClusters(clusters, this.lim.maxHamming)) {
      out.push([storyline('near_duplicate', story.first.mentionId, story), story]);
    }
    const chains = joinChains(window.flatMap((s) => [...s.chains]));
    if (chains.size > 0) {
      const held = this.heldPosts();
      for (const [key, story] of chains) {
        const root = held.get(key);
        if (root !== undefined) this.addRoot(story, root, start, end);
        out.push([storyline('repost_chain', key, story), story]);
      }
    }
    return out
      .filter(([s]) => s.size >= this.lim.minStorylineSize)
      .sort(([a], [b]) => b.size - a.size || b.reach - a.reach || a.firstAt - b.firstAt || (a.id < b.id ? -1 : 1))
      .slice(0, this.lim.topStorylines)
      .map(([line, story]) => withCoordination(line, story));
  }

  /** The root post of a chain represents it; it counts as a member when posted in the window. */
  private addRoot(story: Story, root: EvidencePost, start: number, end: number): void {
    story.first = root;
    if (root.createdAt < start || root.createdAt >= end) return;
    story.size++;
    story.reach += root.reach;
    story.authors.add(fnv1a(root.authorId));
    story.firstAt = Math.min(story.firstAt, root.createdAt);
  }

  /** Every post the horizon still holds (top posts, samples, first members), by mention id. */
  private heldPosts(): Map<string, EvidencePost> {
    const held = new Map<string, EvidencePost>();
    for (const s of this.slots) {
      for (const p of s.topPosts) held.set(p.mentionId, p);
      for (const list of s.samples.values()) for (const p of list) held.set(p.mentionId, p);
      for (const c of s.clusters) held.set(c.first.mentionId, c.first);
    }
    return held;
  }

  stats(): ExplainerStats {
    const st: ExplainerStats = {
      slots: this.slots.length,
      mentionsHeld: 0,
      slotTerms: 0,
      posts: 0,
      authors: 0,
      clusters: 0,
      chains: 0,
      baselineTerms: this.baseline.size,
      horizonStart: this.evictedThrough === -Infinity ? null : (this.evictedThrough + 1) * this.lim.slotMs,
      tooLate: this.tooLate,
      ignored: this.ignored,
      largestSlot: { terms: 0, posts: 0, authors: 0, clusters: 0, chains: 0, languages: 0 },
    };
    const big = st.largestSlot;
    for (const s of this.slots) {
      let posts = s.topPosts.length;
      for (const list of s.samples.values()) posts += list.length;
      st.mentionsHeld += s.mentions;
      st.slotTerms += s.terms.size;
      st.posts += posts;
      st.authors += s.authors.size;
      st.clusters += s.clusters.length;
      st.chains += s.chains.size;
      big.terms = Math.max(big.terms, s.terms.size);
      big.posts = Math.max(big.posts, posts);
      big.authors = Math.max(big.authors, s.authors.size);
      big.clusters = Math.max(big.clusters, s.clusters.length);
      big.chains = Math.max(big.chains, s.chains.size);
      big.languages = Math.max(big.languages, s.langs.size);
    }
    return st;
  }
}
