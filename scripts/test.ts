// The README's test command (`npm test`): type-checks everything (test files included), then
// runs every `*.test.ts` beside the code with node's test runner. Extra arguments are passed to
// `node --test` (for instance a file or `--test-name-pattern`).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const run = (cmd: string, cmdArgs: string[]): number => {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  return r.status ?? 1;
};

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`Tests need Node 24 (this is ${process.version}); run them with \`npm test\`, which uses node_modules/.bin/node.`);
  process.exit(1);
}

if (!args.includes('--no-typecheck')) {
  const tsc = run('tsc', ['-p', 'tsconfig.json']);
  if (tsc !== 0) {
    console.error('Type check failed (tsc -p tsconfig.json).');
    process.exit(tsc);
  }
}
const patterns = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--') && a !== '--no-typecheck');
const files = patterns.length > 0 ? patterns : ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'];
process.exit(
  run(process.execPath, ['--disable-warning=ExperimentalWarning', '--test', '--test-timeout=120000', ...flags, ...files]),
);
