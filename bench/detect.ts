// `npm run bench -- detect [--series N] [--minutes M] [--json]`: every detector of the detection
// engine (volume, negative volume, negative share, reach-weighted negativity, influencer arrival,
// feed health) over N brands' one-minute series (default 10,000 brands × one day). Counts are
// drawn beforehand (seeded: a daily rhythm, rates from 0.01 to 20 mentions a minute, a burst in
// one series out of fifty), so the timing is the engine's alone: each minute bucket goes through
// BrandMonitor.addBucket, then every monitor advances on the watermark (and judges its
// five-minute detection bucket when one ends). Prints series-points/s, where a series-point is
// one brand's one-minute bucket; `--json` prints `{"seriesPointsPerSec": x, …}` as its last line.
import { Rng } from '../src/demo/prng.ts';
import { workspaceId } from '../src/domain/ids.ts';
import type { SeriesBucket } from '../src/domain/series.ts';
import { DetectionEngine } from '../src/detect/engine.ts';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} expects a positive integer (got ${args[i + 1]})`);
  return v;
}

export async function main(args: string[]): Promise<void> {
  const series = arg(args, '--series', 10_000);
  const minutes = arg(args, '--minutes', 1440);
  const json = args.includes('--json');
  const ws = workspaceId('bench');
  const rng = new Rng(20261121);
  const start = Date.UTC(2026, 2, 2);
  // Counts, one Uint16Array per minute (series × minutes × 2 bytes: 29 MB by default).
  const rates = Array.from({ length: series }, () => Math.exp(Math.log(0.01) + rng.next() * Math.log(2000)));
  const counts: Uint16Array[] = [];
  for (let m = 0; m < minutes; m++) {
    const hour = (m / 60) % 24;
    const rhythm = 0.35 + 0.65 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI)) * 1.6;
    const row = new Uint16Array(series);
    for (let s = 0; s < series; s++) {
      const burst = s % 50 === 0 && m >= minutes * 0.7 && m < minutes * 0.7 + 60 ? 8 : 1;
      row[s] = Math.min(65535, rng.poisson((rates[s] as number) * rhythm * burst));
    }
    counts.push(row);
  }
  const opened = new Map<string, number>();
  const engine = new DetectionEngine({
    workspaceId: ws,
    explainer: null,
    sinks: [{ publish: (sig) => void (sig.startedAt === sig.updatedAt && sig.status === 'open' && opened.set(sig.kind, (opened.get(sig.kind) ?? 0) + 1)) }],
  });
  const monitors = Array.from({ length: series }, (_, s) => engine.monitor(`b${s}`));
  const bucket: SeriesBucket = {
    workspaceId: ws, brandId: '', start: 0, bucketMs: 60_000,
    count: 0, negative: 0, positive: 0, reach: 0, uniqueAuthors: 0, influencer: 0, media: 0,
  };
  let signals: number;
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let m = 0; m < minutes; m++) {
    const row = counts[m] as Uint16Array;
    const t = start + m * 60_000;
    for (let s = 0; s < series; s++) {
      const c = row[s] as number;
      if (c === 0) continue;
      bucket.brandId = `b${s}`;
      bucket.start = t;
      bucket.count = c;
      bucket.negative = Math.round(c * 0.15);
      bucket.positive = Math.round(c * 0.3);
      bucket.reach = c * 800;
      bucket.uniqueAuthors = c;
      bucket.influencer = c >= 10 ? 1 : 0;
      bucket.media = 0;
      (monitors[s] as ReturnType<typeof engine.monitor>).addBucket(bucket, false);
    }
    for (const mon of monitors) mon.advance(t + 60_000);
  }
  const seconds = (performance.now() - t0) / 1000;
  await engine.flush();
  signals = engine.published.count;
  const points = series * minutes;
  const rate = points / seconds;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `detect: ${series.toLocaleString('en')} series × ${minutes.toLocaleString('en')} minutes = ${points.toLocaleString('en')} series-points in ${seconds.toFixed(1)} s: ${Math.round(rate).toLocaleString('en')} series-points/s; ${signals} signal updates, opened by kind ${JSON.stringify(Object.fromEntries(opened))}; heap growth ${heapMb.toFixed(0)} MB, RSS ${rssMb.toFixed(0)} MB`,
  );
  if (json) console.log(JSON.stringify({ seriesPointsPerSec: Math.round(rate), series, minutes, seconds: Math.round(seconds * 100) / 100, signalUpdates: signals, rssMb: Math.round(rssMb) }));
}
