import type { Command } from 'commander';

// PLACEHOLDER: the helper that owns this file replaces it.
export function registerEvalCategories(_evalCommand: Command): void {}
