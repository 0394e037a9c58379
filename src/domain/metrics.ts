// The two tracks of growth (rules §4) and their trend readings; trends are typed, case-insensitive
// on input, and start flat.
import { z } from 'zod';
import { splitAssignment } from './assignment.ts';
import { fail, ok, type Result } from './result.ts';

export const TRACKS = ['visibility', 'quality'] as const;
export const TrackSchema = z.enum(TRACKS);
export type Track = z.infer<typeof TrackSchema>;

export const TRENDS = ['up', 'flat', 'down'] as const;
export const TrendSchema = z.enum(TRENDS);
export type Trend = z.infer<typeof TrendSchema>;

export const TRACK_METRICS = {
  visibility: ['non_brand_visibility_trend', 'query_cluster_coverage_trend'],
  quality: ['high_intent_session_trend', 'conversion_assist_trend'],
} as const satisfies Record<Track, readonly string[]>;

export const MetricReadingSchema = z.object({
  trend: TrendSchema,
  value: z.number().finite().optional(),
});
export type MetricReading = z.infer<typeof MetricReadingSchema>;

export const MetricStateSchema = z.object({
  visibility: z.object({ non_brand_visibility_trend: MetricReadingSchema, query_cluster_coverage_trend: MetricReadingSchema }),
  quality: z.object({ high_intent_session_trend: MetricReadingSchema, conversion_assist_trend: MetricReadingSchema }),
});
export type MetricState = z.infer<typeof MetricStateSchema>;

export function initialMetricState(): MetricState {
  const flat = (): MetricReading => ({ trend: 'flat' });
  return {
    visibility: { non_brand_visibility_trend: flat(), query_cluster_coverage_trend: flat() },
    quality: { high_intent_session_trend: flat(), conversion_assist_trend: flat() },
  };
}

export function trendsOf(state: MetricState, track: Track): Array<{ metric: string; trend: Trend }> {
  return Object.entries(state[track]).map(([metric, reading]) => ({ metric, trend: reading.trend }));
}

export type MetricAssignment = { track: Track; metric: string; trend: Trend; value?: number };

export function toMetricAssignment(track: string, metric: string, trend: string, value?: number): Result<MetricAssignment> {
  const trackName = TrackSchema.safeParse(track.trim().toLowerCase());
  if (!trackName.success) return fail('invalid', `unknown track "${track}"; valid tracks: ${TRACKS.join(', ')}`);
  const metrics: readonly string[] = TRACK_METRICS[trackName.data];
  const metricName = metric.trim().toLowerCase();
  if (!metrics.includes(metricName)) {
    return fail('invalid', `unknown metric "${metric}" for ${trackName.data}; valid metrics: ${metrics.join(', ')}`);
  }
  const trendName = TrendSchema.safeParse(trend.trim().toLowerCase());
  if (!trendName.success) {
    return fail('invalid', `${trackName.data}.${metricName} takes ${TRENDS.join(', ')} (got "${trend}")`);
  }
  if (value !== undefined && !Number.isFinite(value)) return fail('invalid', `the value of ${metricName} must be a finite number`);
  const assignment: MetricAssignment = { track: trackName.data, metric: metricName, trend: trendName.data };
  return ok(value === undefined ? assignment : { ...assignment, value });
}

/** Parses `<track>.<metric>=<up|flat|down>`, e.g. `quality.conversion_assist_trend=UP`. */
export function parseMetricAssignment(text: string): Result<MetricAssignment> {
  const parts = splitAssignment(text);
  if (parts === undefined) {
    return fail('usage', `write <track>.<metric>=<up|flat|down>, e.g. visibility.non_brand_visibility_trend=up (got "${text.trim()}")`);
  }
  return toMetricAssignment(parts.scope, parts.key, parts.value);
}

/** A write replaces the whole reading, so a new trend never sits beside an older value. */
export function applyMetricAssignment(state: MetricState, assignment: MetricAssignment): MetricState {
  const reading: MetricReading = assignment.value === undefined ? { trend: assignment.trend } : { trend: assignment.trend, value: assignment.value };
  return MetricStateSchema.parse({
    ...state,
    [assignment.track]: { ...state[assignment.track], [assignment.metric]: reading },
  });
}
