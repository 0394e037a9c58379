// `/ohmymkt metrics`: both tracks side by side, each trend as an arrow so the direction reads
// before the words do.
import { TRACK_METRICS, TRACKS, type MetricReading, type MetricState, type Track, type Trend } from '../../domain/metrics.ts';
import { context, fieldsSection, header, message, type Message } from './kit.ts';
import { mrkdwnEscape } from './limits.ts';

export const TREND_EMOJI: Record<Trend, string> = {
  up: ':arrow_up:',
  flat: ':arrow_right:',
  down: ':arrow_down:',
};

const TRACK_TITLE: Record<Track, string> = { visibility: 'Visibility', quality: 'Quality' };

function readingOf(state: MetricState, track: Track, metric: string): MetricReading | undefined {
  const readings: Record<string, MetricReading> = state[track];
  return readings[metric];
}

export function metricLine(metric: string, reading: MetricReading): string {
  const value = reading.value === undefined ? '' : ` · ${reading.value}`;
  return `${TREND_EMOJI[reading.trend]} ${mrkdwnEscape(metric)} — ${reading.trend}${value}`;
}

function trackLines(state: MetricState, track: Track): string[] {
  return TRACK_METRICS[track].map((metric) => {
    const reading = readingOf(state, track, metric);
    return reading === undefined ? `${mrkdwnEscape(metric)} — not read yet` : metricLine(metric, reading);
  });
}

function trackTrends(state: MetricState, track: Track): string {
  return TRACK_METRICS[track].map((metric) => readingOf(state, track, metric)?.trend ?? 'unset').join('/');
}

export function metricsMessage(state: MetricState): Message {
  const summary = `Metrics: ${TRACKS.map((track) => `${track} ${trackTrends(state, track)}`).join(', ')}`;
  return message(summary, [
    header('Growth metrics'),
    fieldsSection(TRACKS.map((track) => [`*${TRACK_TITLE[track]} track*`, ...trackLines(state, track)].join('\n'))),
    context(['Set a trend with `/ohmymkt metrics set &lt;track&gt;.&lt;metric&gt;=&lt;up|flat|down&gt;`, e.g. `quality.conversion_assist_trend=up`.']),
  ]);
}
