import type { Command } from 'commander';
import type { GlobalOptions } from '../options.ts';

// PLACEHOLDER: the helper that owns this file replaces it.
export function registerCorrections(_program: Command, _global: () => GlobalOptions): void {}
