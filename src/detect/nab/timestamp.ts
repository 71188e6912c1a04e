// NAB writes times as "2015-02-26 21:42:53" in the data and "2015-03-03 04:37:53.000000" in the
// labels. Both are read as UTC and compared by value, so the two forms of one instant are equal.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]00:?00)?$/;

/** Epoch milliseconds (fractions kept), or null when the text is not such a timestamp. */
export function parseNabTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((p) => Number(p ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const t = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March: refuse what does not round-trip.
  if (new Date(t).getUTCDate() !== day) return null;
  return m[7] === undefined ? t : t + Number(`0.${m[7]}`) * 1000;
}

/** The form NAB's data files use. */
export function formatNabTimestamp(t: number): string {
  return new Date(Math.floor(t)).toISOString().slice(0, 19).replace('T', ' ');
}
