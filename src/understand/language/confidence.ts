/**
 * How sure the detector is: a logistic model of "the top language is right" from three features
 * of the model's ranking — the top score, its margin over the runner-up, and how many letters the
 * text has — fitted on labelled tweets and their 1–6-word prefixes (short texts are where guesses
 * go wrong). The constants below come from `npm run bench -- language --fit`, which prints them
 * with the data they were fitted on; the threshold is the one that maximises right answers minus
 * twice the wrong ones (a confident wrong language costs more than none).
 */

export interface ConfidenceFeatures {
  /** The top language's score, in (0, 1). */
  top: number;
  /** Top score minus the runner-up's (the top score when there is none). */
  margin: number;
  /** Letters in the cleaned text. */
  letters: number;
}

export interface ConfidenceModel {
  intercept: number;
  /** Weight of min(margin, 0.2) × 10. */
  margin: number;
  top: number;
  /** Weight of ln(1 + letters). */
  logLetters: number;
}

/** Fitted by `npm run bench -- language --fit` (see the doc comment above). */
export const CONFIDENCE_MODEL: ConfidenceModel = { intercept: -7.335, margin: 1.983, top: 5.747, logLetters: 1.265 };

/** Below this confidence the detector answers null ('undetermined'). */
export const MIN_CONFIDENCE = 0.65;

/** Texts with fewer letters are not judged at all ('too-short'). */
export const MIN_LETTERS = 3;

/**
 * Lowest top score accepted for texts of at least `minLetters` letters: the 0.5th percentile of
 * the top score of right answers of that length (fitted with the model above). A text scoring below it
 * fits none of the model's languages well — typically a language it does not know (Welsh,
 * Swahili, Latin…), which the calibration above never saw — and gets null ('unknown-language').
 */
export const TOP_FLOORS: readonly { minLetters: number; floor: number }[] = [
  { minLetters: 20, floor: 0.552 },
  { minLetters: 40, floor: 0.642 },
  { minLetters: 80, floor: 0.666 },
];

/** The confidence reported, at most, for a text below its floor (the calibration does not hold there). */
export const UNKNOWN_LANGUAGE_CONFIDENCE = 0.2;

/** True when the top score is below the floor for the text's length. */
export function belowTopFloor(f: ConfidenceFeatures): boolean {
  let floor = 0;
  for (const t of TOP_FLOORS) if (f.letters >= t.minLetters) floor = t.floor;
  return f.top < floor;
}

/** The features as the model sees them (margin capped and scaled, letters on a log scale). */
export function featureVector(f: ConfidenceFeatures): [number, number, number] {
  return [Math.min(Math.max(f.margin, 0), 0.2) * 10, f.top, Math.log1p(f.letters)];
}

export function confidenceOf(f: ConfidenceFeatures, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  const [m, t, l] = featureVector(f);
  const z = model.intercept + model.margin * m + model.top * t + model.logLetters * l;
  return 1 / (1 + Math.exp(-z));
}
