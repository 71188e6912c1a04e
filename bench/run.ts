// `npm run bench -- <name> [args]`: runs bench/<name>.ts with the remaining arguments, in a child
// Node process with an explicit heap: `--max-old-space-size=128 --max-semi-space-size=16`, the
// setting Vigie's ingest is measured with (V8 otherwise grows its heap lazily on a machine with
// plenty of memory, and peak RSS then says more about V8's appetite than about the pipeline's
// needs). `--v8-default-heap` runs it with V8's defaults instead.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_HEAP_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=16'];

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'run.ts' && !f.includes('-'))
  .map((f) => f.slice(0, -3))
  .sort();
const argv = process.argv.slice(2);
const defaultHeap = argv.includes('--v8-default-heap');
const [name, ...args] = argv.filter((a) => a !== '--v8-default-heap');
if (name === undefined || !benches.includes(name)) {
  if (name !== undefined) console.error(`unknown bench "${name}".`);
  console.error(`usage: npm run bench -- <name> [args] [--v8-default-heap]\nbenches: ${benches.join(', ')}`);
  process.exit(name === undefined ? 0 : 2);
}
if (process.env.VIGIE_BENCH_CHILD === '1') {
  const bench = (await import(join(here, `${name}.ts`))) as { main(args: string[]): Promise<void> };
  await bench.main(args);
} else {
  const heap = defaultHeap ? [] : BENCH_HEAP_FLAGS;
  console.error(`bench ${name}: node ${heap.length ? heap.join(' ') : '(V8 default heap)'}`);
  const child = spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', ...heap, fileURLToPath(import.meta.url), name, ...args],
    { stdio: 'inherit', env: { ...process.env, VIGIE_BENCH_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}
