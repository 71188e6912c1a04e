import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError } from './errors.ts';
import { loadConfig } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return [...err.problems];
  }
  assert.fail('expected a ConfigError');
}

test('with no file and no environment, every default applies', () => {
  const c = loadConfig({ file: null, env: {}, cwd: dir });
  assert.equal(c.workspace.id, 'default');
  assert.equal(c.dataDir, join(dir, 'data'));
  assert.deepEqual(c.store, { kind: 'sqlite', sqlitePath: join(dir, 'data', 'vigie.db'), databaseUrl: null });
  assert.deepEqual(c.http, { host: '127.0.0.1', port: 8080 });
  assert.equal(c.log.level, 'info');
  assert.deepEqual(c.retention, { days: 90, intervalMinutes: 60 });
  assert.deepEqual(c.pipeline, {
    batchSize: 2000,
    allowedLatenessMs: 300000,
    influencerFollowers: 10000,
  });
  assert.deepEqual(c.brands, []);
  assert.equal(c.configFile, null);
});

test('a YAML file sets keys and brands; the rest keeps its defaults', () => {
  const file = write(
    'full.yaml',
    [
      'workspace: { id: lumen-co, name: Lumen Coffee Co }',
      'dataDir: ./var',
      'http:',
      '  port: 9090',
      'retention:',
      '  days: 0',
      'brands:',
      '  - id: lumen',
      '    name: Lumen Coffee',
      '    handles: [lumencoffee]',
      '',
    ].join('\n'),
  );
  const c = loadConfig({ file, env: {}, cwd: dir });
  assert.equal(c.workspace.id, 'lumen-co');
  assert.equal(c.dataDir, join(dir, 'var'));
  assert.equal(c.store.sqlitePath, join(dir, 'var', 'vigie.db'));
  assert.deepEqual(c.http, { host: '127.0.0.1', port: 9090 });
  assert.equal(c.retention.days, 0);
  assert.equal(c.brands.length, 1);
  assert.equal(c.brands[0]?.name, 'Lumen Coffee');
  assert.deepEqual(c.brands[0]?.keywords, []);
  assert.equal(c.configFile, file);
});

test('./vigie.yaml is read by default, and VIGIE_CONFIG names another file', () => {
  const cwd = mkdtempSync(join(dir, 'cwd-'));
  writeFileSync(join(cwd, 'vigie.yaml'), 'http:\n  port: 1111\n');
  writeFileSync(join(cwd, 'other.yaml'), 'http:\n  port: 2222\n');
  assert.equal(loadConfig({ env: {}, cwd }).http.port, 1111);
  assert.equal(loadConfig({ env: { VIGIE_CONFIG: 'other.yaml' }, cwd }).http.port, 2222);
  assert.equal(loadConfig({ file: null, env: {}, cwd }).http.port, 8080);
});

test('environment variables override the file', () => {
  const file = write('env.yaml', 'http:\n  port: 9090\n  host: 0.0.0.0\nworkspace:\n  id: acme\n');
  const c = loadConfig({
    file,
    cwd: dir,
    env: {
      DATABASE_URL: 'postgres://vigie@127.0.0.1/vigie',
      VIGIE_DATA_DIR: '/srv/vigie',
      VIGIE_HOST: '::1',
      VIGIE_PORT: '7000',
      VIGIE_LOG_LEVEL: 'debug',
      VIGIE_WORKSPACE: 'beta',
      VIGIE_RETENTION_DAYS: '30',
      VIGIE_SQLITE_PATH: 'db/x.db',
    },
  });
  assert.deepEqual(c.http, { host: '::1', port: 7000 });
  assert.equal(c.workspace.id, 'beta');
  assert.equal(c.log.level, 'debug');
  assert.equal(c.retention.days, 30);
  assert.equal(c.dataDir, '/srv/vigie');
  assert.deepEqual(c.store, {
    kind: 'postgres',
    sqlitePath: join(dir, 'db', 'x.db'),
    databaseUrl: 'postgres://vigie@127.0.0.1/vigie',
  });
});

test('a bad value names the file, the line, the key, what was expected and what was given', () => {
  const file = write('bad.yaml', '# comment\nlog:\n  level: info\nhttp:\n  host: localhost\n  port: abc\n');
  assert.deepEqual(problems(() => loadConfig({ file, env: {}, cwd: dir })), [
    `${file} line 6: http.port: expected an integer from 0 to 65535, got "abc"`,
  ]);
});

test('an unknown key is an error that suggests the key it resembles', () => {
  const file = write('typo.yaml', 'http:\n  prot: 80\nretension:\n  days: 3\nzzzzzz: 1\n');
  const p = problems(() => loadConfig({ file, env: {}, cwd: dir }));
  assert.equal(p.length, 3);
  assert.ok(p.includes(`${file} line 2: http.prot: unknown key; did you mean "port"?`), p.join('\n'));
  assert.ok(p.includes(`${file} line 3: retension: unknown key; did you mean "retention"?`), p.join('\n'));
  assert.ok(p.some((s) => s.startsWith(`${file} line 5: zzzzzz: unknown key; known keys: workspace, dataDir`)), p.join('\n'));
});

test('brand entries are validated too: unknown keys, missing names, duplicate ids', () => {
  const file = write(
    'brands.yaml',
    'brands:\n  - id: lumen\n    name: Lumen\n    handle: [x]\n  - id: lumen\n  - id: Bad Id\n    name: B\n',
  );
  const dup = write('dup-brands.yaml', 'brands:\n  - id: lumen\n    name: Lumen\n  - id: lumen\n    name: Lumen again\n');
  const p = problems(() => loadConfig({ file, env: {}, cwd: dir }));
  assert.ok(p.includes(`${file} line 4: brands[0].handle: unknown key; did you mean "handles"?`), p.join('\n'));
  assert.ok(p.includes(`${file} line 5: brands[1].name: missing; expected string`), p.join('\n'));
  assert.ok(p.some((s) => s.startsWith(`${file} line 6: brands[2].id: an id is 1–63 lowercase`)), p.join('\n'));
  assert.deepEqual(problems(() => loadConfig({ file: dup, env: {}, cwd: dir })), [
    `${dup} line 4: brands[1].id: duplicate brand id (another brand above has it), got "lumen"`,
  ]);
});

test('a brand whose listening query does not parse is refused at start, at the query\'s line', () => {
  const file = write('query.yaml', "brands:\n  - id: acme\n    name: Acme\n    queries:\n      - id: main\n        text: 'acme AND (rocket OR'\n");
  const p = problems(() => loadConfig({ file, env: {}, cwd: dir }));
  assert.equal(p.length, 1, p.join('\n'));
  assert.match(p[0] ?? '', /^.*query\.yaml line 6: brands\[0\]\.queries\[0\]\.text: column 20: expected a term after "OR"/);
});

test('a bad environment variable is named, with the value it had', () => {
  assert.deepEqual(problems(() => loadConfig({ file: null, env: { VIGIE_PORT: 'x' }, cwd: dir })), [
    'VIGIE_PORT: expected an integer from 0 to 65535, got "x"',
  ]);
  assert.deepEqual(problems(() => loadConfig({ file: null, env: { VIGIE_RETENTION_DAYS: '1.5' }, cwd: dir })), [
    'VIGIE_RETENTION_DAYS: expected an integer from 0 to 36500, got "1.5"',
  ]);
  assert.deepEqual(problems(() => loadConfig({ file: null, env: { DATABASE_URL: 'mysql://x' }, cwd: dir })), [
    'DATABASE_URL: expected a URL starting with postgres:// or postgresql://, got "mysql://x"',
  ]);
  assert.deepEqual(problems(() => loadConfig({ file: null, env: { VIGIE_WORKSPACE: 'Not Valid' }, cwd: dir })), [
    'VIGIE_WORKSPACE: a workspace id is 1–63 lowercase letters, digits, "-" or "_", got "Not Valid"',
  ]);
});

test('a YAML syntax error gives the line and column', () => {
  const file = write('syntax.yaml', 'http:\n  port: 80\nlog: [info\n');
  const p = problems(() => loadConfig({ file, env: {}, cwd: dir }));
  assert.match(p[0] ?? '', new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} line \\d+ column \\d+: YAML syntax error: `));
  const dup = write('dup.yaml', 'http:\n  port: 1\nhttp:\n  port: 2\n');
  assert.deepEqual(problems(() => loadConfig({ file: dup, env: {}, cwd: dir })), [
    `${dup} line 3 column 1: YAML syntax error: Map keys must be unique`,
  ]);
});

test('a missing file, a list at the top level and an empty file', () => {
  const missing = join(dir, 'nope.yaml');
  assert.deepEqual(problems(() => loadConfig({ file: missing, env: {}, cwd: dir })), [
    `${missing}: cannot read the configuration file (file not found); check --config or VIGIE_CONFIG`,
  ]);
  const list = write('list.yaml', '- a\n- b\n');
  assert.deepEqual(problems(() => loadConfig({ file: list, env: {}, cwd: dir })), [
    `${list} line 1: expected a mapping of keys (such as "http:") at the top level`,
  ]);
  const empty = write('empty.yaml', '# nothing yet\n');
  assert.equal(loadConfig({ file: empty, env: {}, cwd: dir }).http.port, 8080);
});

test('understanding and trigger settings are checked with their path: bad windows, an onnx backend without its directory', () => {
  const file = write('understand.yaml', 'detection:\n  triggers:\n    windows: [0]\nunderstand:\n  sentiment:\n    backend: onnx\n');
  const p = problems(() => loadConfig({ file, env: {}, cwd: dir }));
  assert.ok(p.some((x) => x.includes('detection.triggers.windows')), p.join('\n'));
  assert.ok(p.some((x) => x.includes('understand.sentiment.onnx.dir') && x.includes('exported model')), p.join('\n'));
  const ok = loadConfig({ file: write('triggers.yaml', 'detection:\n  triggers:\n    categories: []\n'), env: {}, cwd: dir });
  assert.deepEqual(ok.detection.triggers.categories, []);
  assert.equal(ok.detection.triggers.minCount, 3, 'the other keys keep their defaults');
});
