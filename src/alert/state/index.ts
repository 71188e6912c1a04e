/** Alerts from signals: grouping options (./options.ts), the record (./record.ts), signals in (./apply-signal.ts), people's transitions (./transitions.ts), timed changes (./tick.ts) and quality figures (./quality.ts). */
export * from './options.ts';
export * from './record.ts';
export { applySignal } from './apply-signal.ts';
export type { SignalApplied, PageDecision } from './apply-signal.ts';
export { acknowledge, resolve, silence, unsilence, endSilence, describeState, MAX_NOTE_LENGTH } from './transitions.ts';
export type { TransitionResult, TransitionRefusal } from './transitions.ts';
export { tick, nextDueAt } from './tick.ts';
export type { TickResult, DueChange } from './tick.ts';
export { alertQuality } from './quality.ts';
export type { AlertQuality } from './quality.ts';
