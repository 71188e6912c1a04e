import type { StreamingDetector } from '../types.ts';

// PLACEHOLDER written for `vigie eval nab` while the real volume detector is being built: a
// rolling z-score (exponentially weighted mean and variance). It is to be replaced.

export interface VolumeDetectorOptions {
  /** Smoothing factor of the moving mean and variance. */
  alpha?: number;
  /** Points before any score above 0. */
  warmup?: number;
}

export function createVolumeDetector(options: VolumeDetectorOptions = {}): StreamingDetector {
  const alpha = options.alpha ?? 0.01;
  const warmup = options.warmup ?? 50;
  let n = 0;
  let mean = 0;
  let variance = 0;
  return {
    update(_t: number, value: number): number {
      n++;
      if (n === 1) {
        mean = value;
        return 0;
      }
      const diff = value - mean;
      const sd = Math.sqrt(variance);
      const z = sd > 0 ? diff / sd : 0;
      mean += alpha * diff;
      variance = (1 - alpha) * (variance + alpha * diff * diff);
      if (n < warmup || z <= 0) return 0;
      return 1 - Math.exp(-z / 4);
    },
  };
}
