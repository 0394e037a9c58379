// Rated trends (seo-aeo's up/flat/down fields), each as an arrow so the direction reads before the
// words do. `/ohmymkt metrics` shows them under the KPIs (kpis.ts).
import type { MetricReading, Trend } from '../../domain/metrics.ts';
import { mrkdwnEscape } from './limits.ts';

export const TREND_EMOJI: Record<Trend, string> = {
  up: ':arrow_up:',
  flat: ':arrow_right:',
  down: ':arrow_down:',
};

export function metricLine(metric: string, reading: MetricReading): string {
  const value = reading.value === undefined ? '' : ` · ${reading.value}`;
  return `${TREND_EMOJI[reading.trend]} ${mrkdwnEscape(metric)} — ${reading.trend}${value}`;
}
