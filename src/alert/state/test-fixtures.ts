/** Builders for the state-machine tests: a signal and option sets, written by hand (no shared data). */
import type { Signal } from '../../domain/signal.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import { AlertOptionsSchema, type AlertOptions, type AlertOptionsInput } from './options.ts';

export const T0 = Date.UTC(2025, 5, 2, 8, 0, 0);
export const MIN = 60_000;

export function signal(over: Partial<Signal> = {}): Signal {
  return {
    id: 'sig-1',
    workspaceId: 'ws' as WorkspaceId,
    brandId: 'kerlann',
    kind: 'negative_volume',
    status: 'open',
    startedAt: T0,
    updatedAt: T0,
    endedAt: null,
    bucketMs: MIN,
    score: 0.9,
    severity: 'SEV3',
    factors: [],
    observed: 40,
    expected: 5,
    summary: 'Negative mentions 8× the usual level',
    evidence: null,
    drill: false,
    ...over,
  };
}

export const opts = (o: AlertOptionsInput = {}): AlertOptions => AlertOptionsSchema.parse(o);
