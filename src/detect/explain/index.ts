/** "Why it spikes": the per-brand incremental explainer (see explainer.ts). */
export { createBrandExplainer, type ExplainerStats, type IncrementalExplainer } from './explainer.ts';
export { DEFAULT_LIMITS, type ExplainerLimits, type ExplainerOptions, resolveLimits } from './options.ts';
