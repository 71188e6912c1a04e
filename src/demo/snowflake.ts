/** X ids are snowflakes: milliseconds since X's epoch in the high bits, then 10 machine bits and a 12-bit sequence. */
export const X_EPOCH_MS = 1288834974657;

export function snowflake(ms: number, machine: number, sequence: number): string {
  if (!Number.isInteger(ms) || ms < X_EPOCH_MS) throw new RangeError(`snowflake: time must be an integer epoch ms at or after X's epoch (${X_EPOCH_MS}), got ${ms}`);
  const id = (BigInt(ms - X_EPOCH_MS) << 22n) | (BigInt(machine & 0x3ff) << 12n) | BigInt(sequence & 0xfff);
  return id.toString();
}

/** The creation time (epoch ms) encoded in a snowflake id. */
export function snowflakeMs(id: string): number {
  return Number(BigInt(id) >> 22n) + X_EPOCH_MS;
}
