/** On-call schedules: validation (./schedule.ts), time-zone arithmetic (./tz.ts) and who is on call (./resolve.ts). */
export * from './schedule.ts';
export { whoIsOnCall, shifts, upcomingShifts, coverageGaps } from './resolve.ts';
export type { OnCall, Shift } from './resolve.ts';
export { isTimeZone, wallClock, instantOf } from '../time/tz.ts';
