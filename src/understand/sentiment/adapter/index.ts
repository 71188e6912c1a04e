/**
 * Per-brand sentiment adapters: learning from the analysts' corrections of one brand on top of
 * the base model (see adapter.ts for the model, fit.ts for the training, brand-adapters.ts for the
 * adapters of a workspace rebuilt from the store, simulate.ts for measuring the gain).
 */
export { adaptPrediction, identityAdapter, isActive, type SentimentAdapter } from './adapter.ts';
export { adaptedModel, adaptedModelId } from './adapted-model.ts';
export { BrandAdapters, type BrandAdapterOptions } from './brand-adapters.ts';
export { ADAPTER_DEFAULTS, fitAdapter, fitPrepared, prepareExamples, type AdapterOptions, type CorrectionExample } from './fit.ts';
export { parseAdapter, serialiseAdapter, type AdapterJson } from './serialise.ts';
export { simulateCorrections, type LabelledRow, type SimulationOptions, type SimulationReport } from './simulate.ts';
