import type { SentimentLabel, Stakeholder } from '../../domain/mention.ts';
import type { BurstTerm, Evidence, EvidencePost, Severity, SeverityFactor, Signal, SignalKind, Storyline } from '../../domain/signal.ts';
import { isoTime, isoTimeOrNull } from './time.ts';

/**
 * Signals as the API (and `vigie signals --json`) returns them. Every time is an ISO 8601 string
 * under its own name, like the other presenters, with its epoch milliseconds beside it as
 * `<name>Ms` (detection works in epoch ms: series buckets, evidence windows). The workspace is
 * implied by the request.
 */
export interface EvidencePostView {
  mentionId: string;
  url: string | null;
  authorId: string;
  authorHandle: string | null;
  followers: number | null;
  text: string;
  lang: string | null;
  createdAt: string;
  createdAtMs: number;
  reach: number;
  sentiment: SentimentLabel | null;
}

export interface StorylineView {
  id: string;
  kind: Storyline['kind'];
  size: number;
  authors: number;
  firstAt: string;
  firstAtMs: number;
  lastAt: string;
  lastAtMs: number;
  representative: EvidencePostView;
  reach: number;
}

export interface EvidenceView {
  from: string;
  fromMs: number;
  to: string;
  toMs: number;
  mentions: number;
  terms: BurstTerm[];
  hashtags: BurstTerm[];
  topPosts: EvidencePostView[];
  topAuthors: {
    authorId: string;
    handle: string | null;
    followers: number | null;
    stakeholder: Stakeholder | null;
    mentions: number;
    reach: number;
  }[];
  storylines: StorylineView[];
  samples: { lang: string; mentions: EvidencePostView[] }[];
}

export interface SignalView {
  id: string;
  brandId: string;
  kind: SignalKind;
  status: 'open' | 'closed';
  severity: Severity;
  score: number;
  summary: string;
  startedAt: string;
  startedAtMs: number;
  updatedAt: string;
  updatedAtMs: number;
  endedAt: string | null;
  endedAtMs: number | null;
  bucketMs: number;
  observed: number;
  expected: number;
  factors: SeverityFactor[];
  drill: boolean;
  evidence: EvidenceView | null;
}

export function presentEvidencePost(p: EvidencePost): EvidencePostView {
  return {
    mentionId: p.mentionId,
    url: p.url,
    authorId: p.authorId,
    authorHandle: p.authorHandle,
    followers: p.followers,
    text: p.text,
    lang: p.lang,
    createdAt: isoTime(p.createdAt),
    createdAtMs: p.createdAt,
    reach: p.reach,
    sentiment: p.sentiment,
  };
}

const term = (t: BurstTerm): BurstTerm => ({ term: t.term, count: t.count, expected: t.expected, llr: t.llr });

export function presentEvidence(e: Evidence): EvidenceView {
  return {
    from: isoTime(e.from),
    fromMs: e.from,
    to: isoTime(e.to),
    toMs: e.to,
    mentions: e.mentions,
    terms: e.terms.map(term),
    hashtags: e.hashtags.map(term),
    topPosts: e.topPosts.map(presentEvidencePost),
    topAuthors: e.topAuthors.map((a) => ({
      authorId: a.authorId,
      handle: a.handle,
      followers: a.followers,
      stakeholder: a.stakeholder,
      mentions: a.mentions,
      reach: a.reach,
    })),
    storylines: e.storylines.map((s) => ({
      id: s.id,
      kind: s.kind,
      size: s.size,
      authors: s.authors,
      firstAt: isoTime(s.firstAt),
      firstAtMs: s.firstAt,
      lastAt: isoTime(s.lastAt),
      lastAtMs: s.lastAt,
      representative: presentEvidencePost(s.representative),
      reach: s.reach,
    })),
    samples: e.samples.map((s) => ({ lang: s.lang, mentions: s.mentions.map(presentEvidencePost) })),
  };
}

export function presentSignal(s: Signal): SignalView {
  return {
    id: s.id,
    brandId: s.brandId,
    kind: s.kind,
    status: s.status,
    severity: s.severity,
    score: s.score,
    summary: s.summary,
    startedAt: isoTime(s.startedAt),
    startedAtMs: s.startedAt,
    updatedAt: isoTime(s.updatedAt),
    updatedAtMs: s.updatedAt,
    endedAt: isoTimeOrNull(s.endedAt),
    endedAtMs: s.endedAt,
    bucketMs: s.bucketMs,
    observed: s.observed,
    expected: s.expected,
    factors: s.factors.map((f) => ({ name: f.name, value: f.value, points: f.points, detail: f.detail })),
    drill: s.drill,
    evidence: s.evidence === null ? null : presentEvidence(s.evidence),
  };
}
