import { DEFAULT_STAKEHOLDER_OPTIONS } from '../audience/stakeholder-options.ts';

/**
 * Followers from which an author counts as an influencer in the series' counts (the pipeline's
 * `pipeline.influencerFollowers`); the stakeholder rules have their own per-platform thresholds.
 */
export const DEFAULT_INFLUENCER_FOLLOWERS = DEFAULT_STAKEHOLDER_OPTIONS.influencerFollowers.default;
