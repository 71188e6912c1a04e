export { loadConfig, DEFAULT_CONFIG_FILE, type Config, type LoadConfigOptions } from './load.ts';
export { ConfigError } from './errors.ts';
export { ConfigFileSchema, LOG_LEVELS, type ConfigFile, type LogLevel } from './schema.ts';
export { ENV_OVERRIDES } from './env.ts';
