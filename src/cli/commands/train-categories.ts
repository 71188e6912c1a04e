import type { Command } from 'commander';

// PLACEHOLDER: the helper that owns this file replaces it.
export function registerTrainCategories(_trainCommand: Command): void {}
