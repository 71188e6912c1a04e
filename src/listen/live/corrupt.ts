/**
 * Seeded corruption of platform payloads for the connectors' fuzz runs (`npm run fuzz`): each
 * call takes a valid payload (text) and returns a damaged variant — cut short, bytes flipped,
 * invalid UTF-8, a JSON value of the wrong type, a key removed, a huge or deeply nested value,
 * control characters, an empty or whitespace-only payload. The same seed gives the same run.
 */

export { seededRandom } from '../../domain/seeded-random.ts';

const WRONG_VALUES: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(10), true, [], {}, [null], { '': null }, '\u0000', '\uD800', 'ℕ😬'];

function mutateJson(value: unknown, rnd: () => number, depth = 0): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || rnd() < 0.2) return WRONG_VALUES[Math.floor(rnd() * WRONG_VALUES.length)];
    const i = Math.floor(rnd() * value.length);
    const copy = [...value];
    copy[i] = mutateJson(copy[i], rnd, depth + 1);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 || rnd() < 0.15) return WRONG_VALUES[Math.floor(rnd() * WRONG_VALUES.length)];
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const k = keys[Math.floor(rnd() * keys.length)] as string;
    const r = rnd();
    if (r < 0.3) delete copy[k];
    else if (r < 0.6 || depth > 6) copy[k] = WRONG_VALUES[Math.floor(rnd() * WRONG_VALUES.length)];
    else copy[k] = mutateJson(copy[k], rnd, depth + 1);
    return copy;
  }
  return WRONG_VALUES[Math.floor(rnd() * WRONG_VALUES.length)];
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** One corrupted variant of `payload` (which may or may not be JSON). */
export function corrupt(payload: string, rnd: () => number): string {
  const r = rnd();
  const at = (): number => Math.floor(rnd() * Math.max(1, payload.length));
  if (r < 0.3) {
    try {
      return JSON.stringify(mutateJson(JSON.parse(payload), rnd));
    } catch {
      // not JSON: fall through to a byte-level corruption
    }
  }
  if (r < 0.45) return payload.slice(0, at());
  if (r < 0.55) {
    const i = at();
    return payload.slice(0, i) + String.fromCharCode(Math.floor(rnd() * 0x80)) + payload.slice(i + 1);
  }
  if (r < 0.62) {
    const i = at();
    return payload.slice(0, i) + '\uFFFD\uD800\u0000' + payload.slice(i);
  }
  if (r < 0.68) return payload + payload.slice(0, at());
  if (r < 0.73) return '';
  if (r < 0.77) return ' \t ';
  if (r < 0.81) return nested(5_000);
  if (r < 0.85) return JSON.stringify({ data: { text: 'x'.repeat(200_000) } });
  if (r < 0.9) {
    const i = at();
    return payload.slice(0, i) + payload.slice(i + 1 + Math.floor(rnd() * 20));
  }
  if (r < 0.95) return payload.replace(/"/g, rnd() < 0.5 ? "'" : '');
  return Buffer.from(payload).toString('latin1');
}

/** What a fuzz run of one connector reports (npm run fuzz -- <connector>). */
export interface FuzzReport {
  connector: string;
  payloads: number;
  /** Corrupted payloads that still made a valid mention (or delete, or were ignored as keep-alives…). */
  accepted: number;
  /** Recorded as rejects, each with a reason. */
  rejected: number;
  /** Rejects without a reason (must be 0). */
  unexplained: number;
  /** Thrown errors or crashes (must be 0). */
  crashes: number;
  /** The stream went on after the corrupted payloads: valid payloads sent after them arrived. */
  streamWentOn: boolean;
  /** A few distinct reject reasons, for the report. */
  sampleReasons: string[];
  ms: number;
}
