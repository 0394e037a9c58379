// Rated trends (seo-aeo's up/flat/down fields): both tracks side by side, each trend as an arrow so
// the direction reads before the words do. `/ohmymkt metrics` shows them under the KPIs (kpis.ts).
import type { MetricReading, MetricState, Trend } from '../../domain/metrics.ts';
import { context, fieldsSection, header, message, type Message } from './kit.ts';
import { mrkdwnEscape } from './limits.ts';

export const TREND_EMOJI: Record<Trend, string> = {
  up: ':arrow_up:',
  flat: ':arrow_right:',
  down: ':arrow_down:',
};

const trackTitle = (track: string): string => `${track.charAt(0).toUpperCase()}${track.slice(1)}`;

export function metricLine(metric: string, reading: MetricReading): string {
  const value = reading.value === undefined ? '' : ` · ${reading.value}`;
  return `${TREND_EMOJI[reading.trend]} ${mrkdwnEscape(metric)} — ${reading.trend}${value}`;
}

function trackLines(readings: Record<string, MetricReading>): string[] {
  return Object.entries(readings).map(([metric, reading]) => metricLine(metric, reading));
}

function trackTrends(readings: Record<string, MetricReading>): string {
  return Object.values(readings).map((reading) => reading.trend).join('/');
}

export function metricsMessage(state: MetricState): Message {
  const tracks = Object.entries(state);
  const summary = `Metrics: ${tracks.map(([track, readings]) => `${track} ${trackTrends(readings)}`).join(', ')}`;
  return message(summary, [
    header('Growth metrics'),
    fieldsSection(tracks.map(([track, readings]) => [`*${mrkdwnEscape(trackTitle(track))} track*`, ...trackLines(readings)].join('\n'))),
    context(['Set a trend with `/ohmymkt metrics set &lt;track&gt;.&lt;metric&gt;=&lt;up|flat|down&gt;`, e.g. `quality.conversion_assist_trend=up`.']),
  ]);
}
