// Measures Store.upsertMentions rows/s on realistic mentions.
// SQLite:      node_modules/.bin/node src/store/bench-upsert.ts [total=200000] [batch=5000]   (SqliteStore on this thread)
// Threaded:    node_modules/.bin/node src/store/bench-upsert.ts 200000 5000 sqlite-threaded
// PostgreSQL:  node_modules/.bin/node src/store/bench-upsert.ts 200000 5000 postgres   (throwaway cluster)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WORKSPACE } from '../domain/ids.ts';
import { openStore } from './open.ts';
import { startTestCluster } from './postgres/test-cluster.ts';
import { makeMentions } from './test-mentions.ts';

const total = Number(process.argv[2] ?? 200_000);
const batch = Number(process.argv[3] ?? 5_000);
const kind = process.argv[4] ?? 'sqlite';
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
const cluster = kind === 'postgres' ? await startTestCluster() : null;
if (kind === 'postgres' && cluster === null) throw new Error('no PostgreSQL binaries (apt-get install postgresql)');
const store = await openStore({ databaseUrl: cluster?.url ?? null, sqlitePath: join(dir, 'bench.db'), threaded: kind === 'sqlite-threaded' });
try {
  const batches = [];
  for (let i = 0; i < total; i += batch) batches.push(makeMentions(DEFAULT_WORKSPACE, i, Math.min(batch, total - i)));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const b of batches) await store.upsertMentions(DEFAULT_WORKSPACE, b);
  const s = (performance.now() - t0) / 1000;
  // CPU time (user + system) of this process: steadier than wall time on a shared machine.
  const c = process.cpuUsage(c0);
  const cpuS = (c.user + c.system) / 1e6;
  const t1 = performance.now();
  for (const b of batches.slice(0, 4)) await store.upsertMentions(DEFAULT_WORKSPACE, b);
  const dupS = (performance.now() - t1) / 1000;
  const dupN = batches.slice(0, 4).reduce((n, b) => n + b.length, 0);
  console.log(`${kind}: ${total} mentions in batches of ${batch}: ${s.toFixed(2)} s, ${Math.round(total / s)} rows/s inserted; ` +
    `re-upsert of ${dupN} unchanged: ${Math.round(dupN / dupS)} rows/s; ` +
    `CPU ${cpuS.toFixed(2)} s (${(cpuS * 1e6 / total).toFixed(1)} µs/row, ${Math.round(total / cpuS)} rows/CPU-s); peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await store.close();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
