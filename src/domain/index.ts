export * from './ids.ts';
export * from './workspace.ts';
export * from './platform.ts';
export * from './brand.ts';
export * from './mention.ts';
export * from './series.ts';
export * from './reject.ts';
export * from './clock.ts';
