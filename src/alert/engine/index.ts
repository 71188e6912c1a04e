/** The durable escalation engine (./engine.ts), its configuration (./config.ts), its loop (./loop.ts) and the durable alert record (./tracked.ts). */
export { AlertEngine } from './engine.ts';
export type { AlertEngineOptions, EngineEvent, RunSummary, DeliverSummary } from './engine.ts';
export { recipients, NO_ROUTING_FACTS } from './config.ts';
export type { EngineConfig, Recipient, RoutingFacts } from './config.ts';
export { runLoop } from './loop.ts';
export type { RunLoopOptions } from './loop.ts';
export { loadTracked, saveTracked, ALERT_TIMER_KINDS } from './tracked.ts';
export type { AlertTimerSlot } from './tracked.ts';
export { pageMessage, pageContext, fallbackContext } from './page-message.ts';
export type { PageContext, PageLinks } from './page-message.ts';
