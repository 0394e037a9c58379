// Numeric KPIs (rules §13): dated values (append-only), a baseline (the first value) and a target.
// A KPI's trend is derived from its last two values against the playbook's tolerance; its signal
// for the decision rules says whether it moves the good way (cost per lead falling is "up").
import { z } from 'zod';
import { ActorSchema } from './program.ts';
import { SEO_AEO } from './playbook-catalog.ts';
import type { KpiSpec, Playbook, TrackKind } from './playbook.ts';
import type { MetricState, Trend } from './metrics.ts';
import { fail, ok, type Result } from './result.ts';

export const KpiValueSchema = z.object({
  kpi: z.string().min(1),
  value: z.number().finite(),
  by: ActorSchema,
});
export type KpiValue = z.infer<typeof KpiValueSchema>;
/** A value as read back with the time it was recorded. */
export type DatedKpiValue = { kpi: string; value: number; at: Date };

export const KpiTargetsSchema = z.record(z.string(), z.number().finite());
export type KpiTargets = z.infer<typeof KpiTargetsSchema>;

export type KpiAssignment = { kpi: string; value: number };

// Thousands separators are common in what people type ("12,500"); units and currencies are not numbers.
const NUMBER_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/;

function findKpi(book: Playbook, name: string): Result<KpiSpec> {
  const key = name.trim().toLowerCase();
  const spec = book.kpis.find((kpi) => kpi.name === key);
  if (spec !== undefined) return ok(spec);
  return fail('invalid', `unknown KPI "${name.trim()}" for the ${book.name} playbook; its KPIs: ${book.kpis.map((kpi) => kpi.name).join(', ')}`);
}

export function toKpiAssignment(book: Playbook, kpi: string, raw: string | number): Result<KpiAssignment> {
  const spec = findKpi(book, kpi);
  if (!spec.ok) return spec;
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  const value = typeof raw === 'number' ? raw : NUMBER_TEXT.test(text) ? Number(text.replaceAll(',', '')) : Number.NaN;
  if (!Number.isFinite(value)) {
    return fail('invalid', `${spec.value.name} takes a plain number in ${spec.value.unit} (got "${text}"), e.g. ${spec.value.name}=120`);
  }
  return ok({ kpi: spec.value.name, value });
}

/** Parses `<kpi>=<number>`, e.g. `mqls=120` or `pipeline=48,000`. */
export function parseKpiAssignment(book: Playbook, text: string): Result<KpiAssignment> {
  const match = /^\s*([^=\s.]+)\s*=\s*(.*?)\s*$/.exec(text);
  if (match === null) {
    const [first] = book.kpis;
    return fail('usage', `write <kpi>=<number>, e.g. ${first?.name ?? 'kpi'}=120 (got "${text.trim()}")`);
  }
  return toKpiAssignment(book, match[1] ?? '', match[2] ?? '');
}

/** Raw direction of the last move: a relative change within the tolerance is flat. */
export function deriveTrend(values: readonly number[], tolerance: number): Trend {
  const last = values.at(-1);
  const previous = values.at(-2);
  if (last === undefined || previous === undefined) return 'flat';
  if (previous === 0) return last > 0 ? 'up' : last < 0 ? 'down' : 'flat';
  const change = (last - previous) / Math.abs(previous);
  if (Math.abs(change) <= tolerance) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** Up means better: for a down-is-good KPI a falling value is an improvement. */
export function goodWay(trend: Trend, direction: KpiSpec['direction']): Trend {
  if (direction === 'up' || trend === 'flat') return trend;
  return trend === 'up' ? 'down' : 'up';
}

export interface KpiStatus {
  kpi: string;
  label: string;
  unit: string;
  kind: TrackKind;
  direction: KpiSpec['direction'];
  latest?: { value: number; at: Date };
  baseline?: number;
  target?: number;
  /** How many values are recorded. */
  count: number;
  /** Which way the value moved. */
  trend: Trend;
  /** Whether that is good (`up`), neutral or bad (`down`) — what the decision rules read. */
  signal: Trend;
  /** Where the trend comes from: two or more values, a manual rating standing in, or nothing yet. */
  source: 'values' | 'rating' | 'none';
  /** The name the decision reasons use: the KPI, or the rating field standing in for it. */
  signalName: string;
}

function ratingOf(metrics: MetricState, field: string | undefined): { trend: Trend; at?: Date; name: string } | undefined {
  if (field === undefined) return undefined;
  const [track = '', metric = ''] = field.split('.');
  const reading = metrics[track]?.[metric];
  return reading === undefined ? undefined : { trend: reading.trend, name: metric, ...(reading.at ? { at: reading.at } : {}) };
}

export interface KpiPicture {
  values: readonly DatedKpiValue[];
  targets: KpiTargets;
  /** Manual up/flat/down readings (seo-aeo's track fields). */
  metrics: MetricState;
}

export function kpiStatuses(picture: KpiPicture, book: Playbook = SEO_AEO): KpiStatus[] {
  return book.kpis.map((spec) => {
    const series = picture.values.filter((value) => value.kpi === spec.name).sort((a, b) => a.at.getTime() - b.at.getTime());
    const last = series.at(-1);
    const rating = ratingOf(picture.metrics, spec.trendField);
    // Numbers win once there are two of them, unless a person rated the trend after the last one.
    const useValues = series.length >= 2 && (rating?.at === undefined || (last !== undefined && last.at.getTime() >= rating.at.getTime()));
    const source = useValues ? 'values' : rating !== undefined ? 'rating' : 'none';
    const trend = useValues ? deriveTrend(series.map((value) => value.value), spec.tolerance) : (rating?.trend ?? 'flat');
    const target = picture.targets[spec.name];
    return {
      kpi: spec.name,
      label: spec.label,
      unit: spec.unit,
      kind: spec.kind,
      direction: spec.direction,
      ...(last ? { latest: { value: last.value, at: last.at } } : {}),
      ...(series[0] ? { baseline: series[0].value } : {}),
      ...(target !== undefined ? { target } : {}),
      count: series.length,
      trend,
      signal: goodWay(trend, spec.direction),
      source,
      signalName: source === 'rating' && rating ? rating.name : spec.name,
    };
  });
}

/** Manual rating fields no KPI stands behind still count, on their track's side. */
export function unmappedRatings(metrics: MetricState, book: Playbook): Array<{ name: string; kind: TrackKind; signal: Trend }> {
  const mapped = new Set(book.kpis.flatMap((kpi) => (kpi.trendField ? [kpi.trendField] : [])));
  return Object.entries(book.trendFields ?? {}).flatMap(([track, fields]) => {
    const kind = book.tracks.find((candidate) => candidate.name === track)?.kind ?? 'quality';
    return fields
      .filter((field) => !mapped.has(`${track}.${field}`))
      .map((field) => ({ name: field, kind, signal: metrics[track]?.[field]?.trend ?? 'flat' }));
  });
}

/** Progress toward the target as a share (1 = met), in the KPI's good direction; undefined without a target. */
export function targetProgress(status: Pick<KpiStatus, 'latest' | 'target' | 'direction'>): number | undefined {
  if (status.target === undefined || status.latest === undefined) return undefined;
  if (status.direction === 'up') return status.target === 0 ? 1 : status.latest.value / status.target;
  return status.latest.value === 0 ? 1 : status.target / status.latest.value;
}
