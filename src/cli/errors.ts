/** A usage or input problem the CLI reports as it is (no stack trace), with exit code 2. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Errors whose message is written for the user: shown without a stack trace. */
const USER_ERRORS = new Set(['CliError', 'ConfigError', 'SourceError', 'StoreError', 'QueryParseError', 'XRuleError', 'BrandQueryError', 'DetectionOptionsError', 'AlertingConfigError', 'StakeholderOptionsError', 'TriggerBurstSettingsError', 'SecretError']);

export function isUserError(e: unknown): e is Error {
  return e instanceof Error && USER_ERRORS.has(e.name);
}
