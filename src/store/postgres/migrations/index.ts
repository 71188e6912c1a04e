import { checkMigrations, type Migration } from '../../migration.ts';
import { migration as m0001 } from './0001-initial.ts';
import { migration as m0002 } from './0002-signals.ts';
import { migration as m0003 } from './0003-sentiment-corrections.ts';
import { migration as m0004 } from './0004-alerting.ts';

/** PostgreSQL migrations, in order. Add a file `NNNN-name.ts` and list it here; never edit an applied one. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = checkMigrations([m0001, m0002, m0003, m0004]);
