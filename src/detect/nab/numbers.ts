/** A finite number written in a CSV cell, or null (Number('') would be 0, hence the check). */
export function parseCell(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
