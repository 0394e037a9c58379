// `/ohmymkt metrics`: the playbook's KPIs on their two tracks, each with its latest value, the way it
// moved (an arrow), whether that is good, its target and baseline; rating fields (seo-aeo) follow.
import { targetProgress, type KpiStatus } from '../../domain/kpis.ts';
import { trackOfKind, type TrackKind } from '../../domain/playbook.ts';
import type { MetricsView } from '../../services/metrics.ts';
import { context, header, message, sectionsFromLines, type Message } from './kit.ts';
import { mrkdwnEscape } from './limits.ts';
import { metricLine, TREND_EMOJI } from './metrics.ts';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function valueText(status: KpiStatus): string {
  if (status.latest === undefined) return 'no value yet';
  return `*${number.format(status.latest.value)}* ${mrkdwnEscape(status.unit)}`;
}

export function kpiLine(status: KpiStatus): string {
  const moved = status.source === 'none' ? 'no trend yet' : `${status.trend}${status.source === 'rating' ? ' (rated)' : ''}`;
  const better = status.direction === 'down' ? ' · lower is better' : '';
  const progress = targetProgress(status);
  const target = status.target === undefined ? '' : ` · target ${number.format(status.target)}${progress === undefined ? '' : ` (${Math.round(progress * 100)}%)`}`;
  const baseline = status.baseline === undefined || status.count < 2 ? '' : ` · baseline ${number.format(status.baseline)}`;
  return `${TREND_EMOJI[status.trend]} \`${mrkdwnEscape(status.kpi)}\` ${mrkdwnEscape(status.label)}: ${valueText(status)} · ${moved}${better}${target}${baseline}`;
}

function trackTitle(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1).replaceAll('_', ' ')} track`;
}

export function kpisMessage(view: MetricsView): Message {
  const book = view.playbook;
  const kinds: TrackKind[] = ['volume', 'quality'];
  const summary = `KPIs (${book.name}): ${view.kpis.map((status) => `${status.kpi} ${status.latest === undefined ? '–' : number.format(status.latest.value)} ${status.trend}`).join(', ')}`;
  const tracks = kinds.flatMap((kind) => {
    const rows = view.kpis.filter((status) => status.kind === kind);
    return sectionsFromLines([`*${mrkdwnEscape(trackTitle(trackOfKind(book, kind).name))}* (${kind})`, ...rows.map(kpiLine)]);
  });
  const ratings = Object.entries(view.ratings).flatMap(([track, readings]) => Object.entries(readings).map(([metric, reading]) => metricLine(`${track}.${metric}`, reading)));
  const [first] = book.kpis;
  const example = first?.name ?? 'kpi';
  const rating = book.trendFields ? ' · rate a trend: `metrics set &lt;track&gt;.&lt;metric&gt;=&lt;up|flat|down&gt;`' : '';
  return message(summary, [
    header(`KPIs · ${book.title}`),
    ...tracks,
    ...(ratings.length > 0 ? sectionsFromLines(['*Rated trends* (they stand in for a KPI until two values are recorded)', ...ratings]) : []),
    context([`Record a value: \`/ohmymkt metrics set ${mrkdwnEscape(example)}=120\` · set a target: \`/ohmymkt metrics target ${mrkdwnEscape(example)}=150\`${rating}`]),
  ]);
}
