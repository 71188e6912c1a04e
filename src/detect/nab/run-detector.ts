import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamingDetector } from '../types.ts';
import type { NabCorpus } from './corpus.ts';
import { NabDataError } from './errors.ts';

/**
 * Runs a streaming detector over every file of the corpus: a new instance per file (same
 * parameters for all), rows in order, no look-ahead. Returns the per-row anomaly scores.
 */
export function runStreamingDetector(corpus: NabCorpus, create: () => StreamingDetector, name = 'the detector'): Float64Array[] {
  return corpus.files.map((file) => {
    const detector = create();
    const scores = new Float64Array(file.times.length);
    for (let i = 0; i < scores.length; i++) {
      const s = detector.update(file.times[i] as number, file.values[i] as number);
      if (!(s >= 0 && s <= 1)) {
        throw new NabDataError(`${name} returned the anomaly score ${s} (expected a number in [0, 1]) at ${file.key} line ${i + 2}`);
      }
      scores[i] = s;
    }
    return scores;
  });
}

/** Writes `<out>/results/<name>/<category>/<name>_<file>.csv` (timestamp,value,anomaly_score); returns the paths. */
export function writeNabResults(out: string, name: string, corpus: NabCorpus, scoresPerFile: readonly Float64Array[]): string[] {
  return corpus.files.map((file, f) => {
    const scores = scoresPerFile[f] as Float64Array;
    const dir = join(out, 'results', name, file.category);
    mkdirSync(dir, { recursive: true });
    const lines = ['timestamp,value,anomaly_score'];
    for (let i = 0; i < scores.length; i++) lines.push(`${file.timeText[i]},${file.values[i]},${scores[i]}`);
    const path = join(dir, `${name}_${file.name}`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  });
}
