// Micro-benchmark: what the ingest pipeline spends per mention on brand matching (BrandAssigner)
// and on the baseline enricher, on the ingest benchmark's own lines (bench/x-lines.ts).
// Run: node_modules/.bin/node src/pipeline/brand-assigner.bench.ts   (not a test; prints µs of CPU)
import { benchBrands, xLines } from '../../bench/x-lines.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import { EMPTY_ENRICHMENT, type Mention, type MentionDraft } from '../domain/mention.ts';
import type { Brand } from '../domain/brand.ts';
import { parseXLine } from '../listen/x/parse-x-line.ts';
import { createBaselineEnricher } from '../understand/baseline/enricher.ts';
import { BrandAssigner } from './brand-assigner.ts';

const ws = 'bench' as WorkspaceId;
const brands = benchBrands(ws, 0);
const drafts: MentionDraft[] = [];
for (const { line, receivedAt } of xLines(5000, 1_700_000_000_000, brands)) {
  const out = parseXLine(line, receivedAt);
  if (out.kind === 'mention') drafts.push(out.mention);
}
const assigner = new BrandAssigner(brands, null);
const enricher = createBaselineEnricher();
const ids = drafts.map((d) => assigner.assign(d));
const mentions: Mention[] = drafts.map((d, i) => ({ ...d, workspaceId: ws, brandIds: ids[i]!, enrichment: EMPTY_ENRICHMENT }));
const mentionBrands: Brand[][] = ids.map((list) => list.map((id) => assigner.brand(id)!));

const cpuUs = (rounds: number, body: () => void): number => {
  const t0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) body();
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / (rounds * drafts.length);
};
let sink = 0;
const assign = (): void => {
  for (const d of drafts) sink += assigner.assign(d).length;
};
const enrich = (): void => {
  for (let i = 0; i < mentions.length; i++) sink += enricher.enrich({ mention: mentions[i]!, brands: mentionBrands[i]! }).enrichment.sentiment?.score ?? 0;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
cpuUs(10, assign);
cpuUs(10, enrich);
const a: number[] = [];
const e: number[] = [];
for (let k = 0; k < 7; k++) {
  a.push(cpuUs(10, assign));
  e.push(cpuUs(10, enrich));
}
console.log(`${drafts.length} mentions, 20 brands (checksum ${sink.toFixed(6)})`);
console.log(`assign (prepareDoc + match): median ${median(a).toFixed(2)} µs of CPU per mention [${a.map((x) => x.toFixed(2)).join(' ')}]`);
console.log(`baseline enrich: median ${median(e).toFixed(2)} µs of CPU per mention [${e.map((x) => x.toFixed(2)).join(' ')}]`);
