/** A versioned schema change: applied once, in order of `version`, in its own transaction. */
export interface Migration {
  version: number;
  name: string;
  /** SQL statements (several, separated by semicolons). */
  sql: string;
}

/** Checks that versions are positive, unique and ascending (a programming error otherwise). */
export function checkMigrations(list: readonly Migration[]): readonly Migration[] {
  let last = 0;
  for (const m of list) {
    if (!Number.isInteger(m.version) || m.version <= last) {
      throw new Error(`migration ${m.version} (${m.name}) is out of order: versions must ascend from 1`);
    }
    last = m.version;
  }
  return list;
}
