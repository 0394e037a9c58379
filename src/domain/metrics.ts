// Manual trend readings (rules §4): the up/flat/down fields a playbook may declare per track, such as
// seo-aeo's two tracks. They are typed, case-insensitive on input and start flat. Numeric KPIs, which
// every playbook has, live in kpis.ts; a reading stands in for its KPI until numbers are newer.
import { z } from 'zod';
import { splitAssignment } from './assignment.ts';
import { SEO_AEO } from './playbook-catalog.ts';
import type { Playbook } from './playbook.ts';
import { fail, ok, type Result } from './result.ts';

/** seo-aeo's tracks, kept for callers written before playbooks. */
export const TRACKS = ['visibility', 'quality'] as const;
export const TrackSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);
export type Track = string;

export const TRENDS = ['up', 'flat', 'down'] as const;
export const TrendSchema = z.enum(TRENDS);
export type Trend = z.infer<typeof TrendSchema>;

export const TRACK_METRICS = {
  visibility: ['non_brand_visibility_trend', 'query_cluster_coverage_trend'],
  quality: ['high_intent_session_trend', 'conversion_assist_trend'],
} as const satisfies Record<(typeof TRACKS)[number], readonly string[]>;

export const MetricReadingSchema = z.object({
  trend: TrendSchema,
  value: z.number().finite().optional(),
  /** When it was set; a reading without one (stored before KPIs) yields to any numeric values. */
  at: z.date().optional(),
});
export type MetricReading = z.infer<typeof MetricReadingSchema>;

export const MetricStateSchema = z.record(z.string(), z.record(z.string(), MetricReadingSchema));
export type MetricState = z.infer<typeof MetricStateSchema>;

function trendFieldsOf(book: Playbook): Record<string, readonly string[]> {
  return book.trendFields ?? {};
}

export function initialMetricState(book: Playbook = SEO_AEO): MetricState {
  return Object.fromEntries(
    Object.entries(trendFieldsOf(book)).map(([track, fields]) => [track, Object.fromEntries(fields.map((field) => [field, { trend: 'flat' as const }]))]),
  );
}

export type MetricAssignment = { track: string; metric: string; trend: Trend; value?: number };

export function toMetricAssignment(track: string, metric: string, trend: string, value?: number, book: Playbook = SEO_AEO): Result<MetricAssignment> {
  const fields = trendFieldsOf(book);
  const tracks = Object.keys(fields);
  if (tracks.length === 0) return fail('invalid', `the ${book.name} playbook has no up/flat/down fields; record a number with <kpi>=<number> (KPIs: ${book.kpis.map((kpi) => kpi.name).join(', ')})`);
  const trackName = track.trim().toLowerCase();
  const metrics = fields[trackName];
  if (metrics === undefined) return fail('invalid', `unknown track "${track}"; valid tracks: ${tracks.join(', ')}`);
  const metricName = metric.trim().toLowerCase();
  if (!metrics.includes(metricName)) {
    return fail('invalid', `unknown metric "${metric}" for ${trackName}; valid metrics: ${metrics.join(', ')}`);
  }
  const trendName = TrendSchema.safeParse(trend.trim().toLowerCase());
  if (!trendName.success) {
    return fail('invalid', `${trackName}.${metricName} takes ${TRENDS.join(', ')} (got "${trend}")`);
  }
  if (value !== undefined && !Number.isFinite(value)) return fail('invalid', `the value of ${metricName} must be a finite number`);
  const assignment: MetricAssignment = { track: trackName, metric: metricName, trend: trendName.data };
  return ok(value === undefined ? assignment : { ...assignment, value });
}

/** Parses `<track>.<metric>=<up|flat|down>`, e.g. `quality.conversion_assist_trend=UP`. */
export function parseMetricAssignment(text: string, book: Playbook = SEO_AEO): Result<MetricAssignment> {
  const parts = splitAssignment(text);
  if (parts === undefined) {
    return fail('usage', `write <track>.<metric>=<up|flat|down>, e.g. visibility.non_brand_visibility_trend=up (got "${text.trim()}")`);
  }
  return toMetricAssignment(parts.scope, parts.key, parts.value, undefined, book);
}

/** A write replaces the whole reading, so a new trend never sits beside an older value. */
export function applyMetricAssignment(state: MetricState, assignment: MetricAssignment, at?: Date): MetricState {
  const reading: MetricReading = {
    trend: assignment.trend,
    ...(assignment.value === undefined ? {} : { value: assignment.value }),
    ...(at === undefined ? {} : { at }),
  };
  return MetricStateSchema.parse({
    ...state,
    [assignment.track]: { ...state[assignment.track], [assignment.metric]: reading },
  });
}
