/**
 * One time slot (a minute by default) of a brand's recent mentions, summarised in bounded
 * memory: term and hashtag counts (BoundedCounts), mentions per language with the most reached
 * few of each, the most reached posts, per-author tallies, near-duplicate clusters and repost
 * chains. Each structure has a fixed capacity (see ExplainerLimits), whatever the volume.
 */
import type { EvidencePost } from '../../domain/signal.ts';
import type { Stakeholder } from '../../domain/mention.ts';
import { addProfile, emptyProfileCounts, type ProfileCounts } from '../../understand/coordination.ts';
import type { ExplainableMention } from '../types.ts';
import { BoundedCounts } from './bounded-counts.ts';
import { DistinctSketch } from './distinct.ts';
import { admits, evidencePost, insertTop } from './evidence-post.ts';
import type { ExplainerLimits } from './options.ts';
import { hamming64 } from './simhash.ts';
import type { Tokenizer } from './tokens.ts';

/** A group of mentions telling one story: near-duplicate texts, or reposts of one post. */
export interface Story {
  size: number;
  authors: DistinctSketch;
  firstAt: number;
  lastAt: number;
  reach: number;
  /** The earliest member seen. */
  first: EvidencePost;
  /** Its members' author profiles (young, low-follower, prolific, empty): the coordination score's input. */
  profiles: ProfileCounts;
}

export interface Cluster extends Story {
  /** The first member's SimHash: members are within the Hamming threshold of it. */
  fp0: number;
  fp1: number;
  /** size plus the weight of the cluster it replaced (Space-Saving): what eviction compares. */
  weight: number;
}

export interface AuthorTally {
  authorId: string;
  handle: string | null;
  followers: number | null;
  stakeholder: Stakeholder | null;
  mentions: number;
  reach: number;
}

/** Key under which mentions without a language are counted and sampled. */
export const UNKNOWN_LANG = 'und';

/** One mention as the explainer digested it; `post()` makes its evidence post once, when needed. */
export class Digest {
  m!: ExplainableMention;
  reach = 0;
  lang = UNKNOWN_LANG;
  /** The tokeniser, holding what it read from this mention's text. */
  tokens!: Tokenizer;
  /** The root a repost or quote points at (or an "RT @x:" key); null for an original post. */
  chainKey: string | null = null;
  /** A plain repost (not a quote): its text is someone else's, so it is kept out of top posts and samples. */
  repost = false;
  authorHash = 0;
  private made: EvidencePost | null = null;

  reset(m: ExplainableMention): void {
    this.m = m;
    this.made = null;
  }

  post(): EvidencePost {
    return (this.made ??= evidencePost(this.m));
  }
}

function newStory(d: Digest): Story {
  const authors = new DistinctSketch();
  authors.add(d.authorHash);
  const profiles = emptyProfileCounts();
  addProfile(profiles, d.m.author, d.m.createdAt);
  return { size: 1, authors, firstAt: d.m.createdAt, lastAt: d.m.createdAt, reach: d.reach, first: d.post(), profiles };
}

function grow(s: Story, d: Digest): void {
  s.size++;
  s.authors.add(d.authorHash);
  addProfile(s.profiles, d.m.author, d.m.createdAt);
  s.reach += d.reach;
  const t = d.m.createdAt;
  if (t < s.firstAt) {
    s.firstAt = t;
    s.first = d.post();
  }
  if (t > s.lastAt) s.lastAt = t;
}

export class Slot {
  readonly index: number;
  mentions = 0;
  /** Mentions using each term (by key); hashtags as "#tag". */
  readonly terms: BoundedCounts;
  readonly langs = new Map<string, number>();
  readonly samples = new Map<string, EvidencePost[]>();
  readonly topPosts: EvidencePost[] = [];
  readonly authors = new Map<string, AuthorTally>();
  readonly clusters: Cluster[] = [];
  readonly chains = new Map<string, Story>();
  private readonly limits: ExplainerLimits;

  constructor(index: number, limits: ExplainerLimits) {
    this.index = index;
    this.limits = limits;
    this.terms = new BoundedCounts(limits.termsPerSlot);
  }

  add(d: Digest): void {
    const lim = this.limits;
    this.mentions++;
    const tk = d.tokens;
    for (let i = 0; i < tk.count; i++) {
      const key = tk.keys[i] as number;
      const e = this.terms.get(key);
      if (e !== undefined) e.count++;
      else this.terms.insert(key, tk.term(i), 1);
    }

    const langCount = this.langs.get(d.lang);
    if (langCount !== undefined || this.langs.size < lim.languagesPerSlot) this.langs.set(d.lang, (langCount ?? 0) + 1);
    if (!d.repost) {
      if (admits(this.topPosts, d.reach, lim.postsPerSlot)) insertTop(this.topPosts, d.post(), lim.postsPerSlot);
      if (this.langs.has(d.lang)) {
        let list = this.samples.get(d.lang);
        if (list === undefined) this.samples.set(d.lang, (list = []));
        if (admits(list, d.reach, lim.samplesPerLanguage)) insertTop(list, d.post(), lim.samplesPerLanguage);
      }
    }
    this.tallyAuthor(d);
    if (d.chainKey !== null) this.addToChain(d.chainKey, d);
    else if (d.tokens.count >= lim.minClusterTerms) this.addToCluster(d);
  }

  private tallyAuthor(d: Digest): void {
    const a = d.m.author;
    const t = this.authors.get(a.id);
    const stakeholder = d.m.enrichment.stakeholder;
    if (t !== undefined) {
      t.mentions++;
      t.reach += d.reach;
      t.handle = a.handle ?? t.handle;
      t.followers = a.followers ?? t.followers;
      t.stakeholder = stakeholder ?? t.stakeholder;
      return;
    }
    this.authors.set(a.id, { authorId: a.id, handle: a.handle, followers: a.followers, stakeholder, mentions: 1, reach: d.reach });
    if (this.authors.size >= 2 * this.limits.authorsPerSlot) this.pruneAuthors();
  }

  /** Keeps the most reached authors, and the most active few (a bot posting all minute long). */
  private pruneAuthors(): void {
    const cap = this.limits.authorsPerSlot;
    const byReach = [...this.authors.values()].sort((a, b) => b.reach - a.reach);
    const keptByReach = cap - (cap >> 2);
    const rest = byReach.slice(keptByReach).sort((a, b) => b.mentions - a.mentions || b.reach - a.reach);
    for (const t of rest.slice(cap - keptByReach)) this.authors.delete(t.authorId);
  }

  private addToChain(key: string, d: Digest): void {
    const c = this.chains.get(key);
    if (c !== undefined) {
      grow(c, d);
      return;
    }
    this.chains.set(key, newStory(d));
    const cap = this.limits.chainsPerSlot;
    if (this.chains.size >= 2 * cap) {
      const sorted = [...this.chains].sort((a, b) => b[1].size - a[1].size || b[1].reach - a[1].reach);
      for (const [k] of sorted.slice(cap)) this.chains.delete(k);
    }
  }

  /**
   * Joins the first cluster whose fingerprint is within the Hamming threshold; else opens one,
   * replacing the lightest when full. Space-Saving: the newcomer inherits the weight of the one
   * it replaces, so that stale clusters go first, and a story making more than 1 / capacity of
   * the slot's posts is still held when the slot ends (its size may miss its earliest members).
   */
  private addToCluster(d: Digest): void {
    const fp0 = d.tokens.fp0;
    const fp1 = d.tokens.fp1;
    const max = this.limits.maxHamming;
    const cs = this.clusters;
    for (const c of cs) {
      if (hamming64(c.fp0, c.fp1, fp0, fp1) <= max) {
        grow(c, d);
        c.weight++;
        return;
      }
    }
    const authors = new DistinctSketch();
    authors.add(d.authorHash);
    const t = d.m.createdAt;
    const profiles = emptyProfileCounts();
    addProfile(profiles, d.m.author, t);
    const fresh: Cluster = { size: 1, authors, firstAt: t, lastAt: t, reach: d.reach, first: d.post(), profiles, fp0, fp1, weight: 1 };
    if (cs.length < this.limits.clustersPerSlot) {
      cs.push(fresh);
      return;
    }
    let lightest = 0;
    for (let i = 1; i < cs.length; i++) if ((cs[i] as Cluster).weight < (cs[lightest] as Cluster).weight) lightest = i;
    fresh.weight += (cs[lightest] as Cluster).weight;
    cs[lightest] = fresh;
  }
}
