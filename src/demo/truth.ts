import type { Post } from './post.ts';
import type { Phase, PhaseName, Schedule } from './schedule.ts';

/** What really happened in a generated scenario, for tests, evaluations and the demo's narration. */
export interface GroundTruth {
  seed: number;
  brandId: string;
  start: string;
  end: string;
  /** When the first crisis post was created (its `created_at`). */
  onset: string;
  onsetMs: number;
  phases: Array<{ name: PhaseName; start: string; end: string }>;
  /** `x:<id>` of every post that belongs to the crisis (retweets, replies and the brand's response included). */
  crisisPostIds: string[];
  /** `x:<id>` of every post about something else called Kerlan (a listening query should drop them). */
  noisePostIds: string[];
  /** Lines of the stream by kind; an edited post's new version counts as a line of its own. */
  counts: { total: number; baseline: number; crisis: number; noise: number };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Builds the ground truth while the posts go by (one pass, whatever consumes the posts). */
export class TruthCollector {
  private readonly crisis: string[] = [];
  private readonly noise: string[] = [];
  private counts = { total: 0, baseline: 0, crisis: 0, noise: 0 };
  private firstCrisisMs: number | null = null;

  add(post: Post): void {
    this.counts.total++;
    this.counts[post.category]++;
    if (post.category === 'crisis') {
      this.crisis.push(`x:${post.id}`);
      if (this.firstCrisisMs === null) this.firstCrisisMs = Math.floor(post.ms / 1000) * 1000;
    } else if (post.category === 'noise') {
      this.noise.push(`x:${post.id}`);
    }
  }

  finish(seed: number, brandId: string, schedule: Schedule): GroundTruth {
    const onsetMs = this.firstCrisisMs ?? schedule.onsetMs;
    const phase = (p: Phase) => ({ name: p.name, start: iso(p.start), end: iso(p.end) });
    return {
      seed,
      brandId,
      start: iso(schedule.startMs),
      end: iso(schedule.endMs),
      onset: iso(onsetMs),
      onsetMs,
      phases: schedule.phases.map(phase),
      crisisPostIds: this.crisis,
      noisePostIds: this.noise,
      counts: { ...this.counts },
    };
  }
}
