// `npm run bench -- <name> [args]`: runs bench/<name>.ts with the remaining arguments.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'run.ts' && !f.includes('-'))
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...args] = process.argv.slice(2);
if (name === undefined || !benches.includes(name)) {
  if (name !== undefined) console.error(`unknown bench "${name}".`);
  console.error(`usage: npm run bench -- <name> [args]\nbenches: ${benches.join(', ')}`);
  process.exit(name === undefined ? 0 : 2);
}
const bench = (await import(join(here, `${name}.ts`))) as { main(args: string[]): Promise<void> };
await bench.main(args);
