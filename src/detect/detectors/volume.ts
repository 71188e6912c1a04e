import type { StreamingDetector } from '../types.ts';
import { RobustSeasonalDetector, type RobustSeasonalParams } from './candidates/robust-seasonal.ts';

/**
 * Vigie's production volume detector: the robust seasonal detector (see robust-seasonal.ts and
 * docs/detection.md). The same class and the same defaults run on every brand's series and on
 * every file of `vigie eval nab`.
 */
export function createVolumeDetector(params?: Partial<RobustSeasonalParams>): StreamingDetector {
  return new RobustSeasonalDetector(params);
}
