/** Who speaks and how far it goes: stakeholder rules (stakeholder.ts) and the reach estimate (reach.ts). */
export {
  classifyStakeholder,
  CUSTOMER_TEXT_CHARS,
  DEFAULT_STAKEHOLDER_OPTIONS,
  parseStakeholderOptions,
  StakeholderOptionsError,
  StakeholderOptionsSchema,
  type StakeholderInput,
  type StakeholderOptions,
  type StakeholderOptionsInput,
  type StakeholderResult,
} from './stakeholder.ts';
export { influencerThreshold } from './stakeholder-options.ts';
export { estimateReach, PLATFORM_AUDIENCE, type ReachInput, TYPICAL_AUDIENCE, VIEWS_PER_INTERACTION } from './reach.ts';
export { REGULATORS, type Regulator } from './regulators.ts';
