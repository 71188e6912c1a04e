#!/usr/bin/env node
// Launcher for the `vigie` command. Vigie runs its TypeScript sources directly on Node 24
// (type stripping). The project brings Node 24 itself (the `node` npm package puts it in
// node_modules/.bin); when this launcher is started by an older Node, it re-runs itself there.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
const main = join(root, 'src', 'cli', 'main.ts');

if (major >= 24) {
  const cli = await import(pathToFileURL(main).href);
  const code = await cli.main(process.argv.slice(2));
  // On a pipe, stdout is written asynchronously: exiting at once would cut a large --json answer.
  await new Promise((resolve) => process.stdout.write('', resolve));
  process.exit(code);
} else {
  const node24 = join(root, 'node_modules', '.bin', 'node');
  if (!existsSync(node24)) {
    process.stderr.write(
      `vigie needs Node 24 or later (this is ${process.version}).\n` +
        `Run \`npm install\` in ${root}: it brings Node 24 into node_modules/.bin.\n`,
    );
    process.exit(1);
  }
  const child = spawn(node24, ['--disable-warning=ExperimentalWarning', main, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
