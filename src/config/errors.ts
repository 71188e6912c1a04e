/**
 * A configuration that cannot be used. The message lists every problem, one a line, each naming
 * where it is (file and line, or environment variable), the key and what was expected.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
