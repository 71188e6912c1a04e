// `npm run fuzz -- <connector> [--count 100000] [--seed 1] [--json]`: runs the connector's fuzz
// (src/listen/<connector>/<connector>.fuzz.ts): `count` randomly corrupted payloads through the real
// connector reading from its local test server, valid ones interleaved, and prints its FuzzReport.
// Fails (exit 1) on a crash, a reject without a reason, or a stream that did not go on.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { FuzzReport } from '../src/listen/live/corrupt.ts';

const listen = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'listen');
const connectors = readdirSync(listen).filter((d) => existsSync(join(listen, d, `${d}.fuzz.ts`))).sort();

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { count: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, json: { type: 'boolean', default: false } },
});
const name = positionals[0];
if (name === undefined || !connectors.includes(name)) {
  console.error(`${name === undefined ? '' : `unknown connector "${name}". `}usage: npm run fuzz -- <connector> [--count 100000] [--seed 1] [--json]\nconnectors: ${connectors.join(', ')}`);
  process.exit(2);
}
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || count > 10_000_000) throw new Error(`--count must be a whole number from 1 to 10000000 (got ${values.count})`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number (got ${values.seed})`);
const mod = (await import(pathToFileURL(join(listen, name, `${name}.fuzz.ts`)).href)) as { fuzz(o: { count: number; seed: number }): Promise<FuzzReport> };
const r = await mod.fuzz({ count, seed });
const ok = r.crashes === 0 && r.unexplained === 0 && r.streamWentOn;
console.log(
  `${r.connector}: ${r.payloads.toLocaleString('en')} corrupted payloads (seed ${seed}) in ${(r.ms / 1000).toFixed(1)} s: ` +
    `${r.accepted.toLocaleString('en')} still valid, ${r.rejected.toLocaleString('en')} rejected with a reason, ${r.unexplained} without, ${r.crashes} crashes; ` +
    `the stream ${r.streamWentOn ? 'went on' : 'DID NOT go on'}${ok ? '' : ' — FAILED'}`,
);
if (r.sampleReasons.length > 0) console.log(`  reasons seen: ${r.sampleReasons.slice(0, 6).join(' | ')}`);
if (values.json) console.log(JSON.stringify(r));
process.exitCode = ok ? 0 : 1;
