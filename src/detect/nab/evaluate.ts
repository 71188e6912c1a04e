import { createVolumeDetector } from '../detectors/volume.ts';
import type { StreamingDetector } from '../types.ts';
import { loadNabCorpus, type NabCorpus } from './corpus.ts';
import { NabDataError } from './errors.ts';
import { listResultDetectors, readDetectorResults } from './results.ts';
import { runStreamingDetector } from './run-detector.ts';
import { scoreDetector, type DetectorScore } from './scorer.ts';

export const VIGIE_DETECTOR = 'vigie';

export interface NabEvaluation {
  corpus: NabCorpus;
  /** Vigie's detector first, then the stored results by name. */
  detectors: { name: string; score: DetectorScore }[];
  /** Stored results that could not be scored on this corpus, and why. */
  skipped: { name: string; reason: string }[];
  /** Vigie's per-row anomaly scores, one array per corpus file. */
  vigieScores: Float64Array[];
}

export interface EvaluateOptions {
  /** Makes the detector to evaluate: a new instance per file, the same parameters for all (default: Vigie's production volume detector). */
  createDetector?: () => StreamingDetector;
  /** Score only Vigie's detector, not the stored results under results/. */
  detectorOnly?: boolean;
}

/** Runs Vigie's detector on a NAB-layout directory and scores it beside every stored detector. */
export function evaluateNab(dir: string, options: EvaluateOptions = {}): NabEvaluation {
  const corpus = loadNabCorpus(dir);
  if (corpus.windows === 0) throw new NabDataError(`${dir}: the files present have no labelled window, so there is nothing to score`);
  const vigieScores = runStreamingDetector(corpus, options.createDetector ?? (() => createVolumeDetector()), "Vigie's volume detector");
  const detectors = [{ name: VIGIE_DETECTOR, score: scoreDetector(corpus, vigieScores) }];
  const skipped: { name: string; reason: string }[] = [];
  if (!options.detectorOnly) {
    for (const name of listResultDetectors(corpus)) {
      // Results written by `--out` into the same directory are Vigie's own: already scored above.
      if (name === VIGIE_DETECTOR) continue;
      try {
        detectors.push({ name, score: scoreDetector(corpus, readDetectorResults(corpus, name)) });
      } catch (e) {
        if (!(e instanceof NabDataError)) throw e;
        skipped.push({ name, reason: e.message });
      }
    }
  }
  return { corpus, detectors, skipped, vigieScores };
}
