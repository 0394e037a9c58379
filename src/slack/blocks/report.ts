// The windowed growth report (rules §7), posted after a resolve and every week with the next
// cycle's priorities. It only ever shows counts, so a busy quarter costs no more blocks than a calm one.
import type { KnownBlock } from '@slack/types';
import { DecisionSchema } from '../../domain/decisions.ts';
import { SEVERITIES, SEVERITY_POLICY } from '../../domain/incidents.ts';
import { targetProgress } from '../../domain/kpis.ts';
import type { GrowthReport } from '../../domain/reports.ts';
import { DECISION_EMOJI } from './cycle.ts';
import { FAIL_EMOJI, gateLine, gateSummary, PASS_EMOJI } from './gates.ts';
import { SEVERITY_EMOJI } from './incidents.ts';
import { andMore, bullets, context, fieldsSection, header, message, section, sectionsFromLines, slackDate, type Message } from './kit.ts';
import { mrkdwnEscape } from './limits.ts';

/** Priorities beyond this are a backlog, not a week's focus. */
export const MAX_NEXT_PRIORITIES = 10;

export function reportTitle(report: Pick<GrowthReport, 'window'>): string {
  return `Growth report · ${report.window}`;
}

function decisionsField(report: GrowthReport): string {
  const lines = DecisionSchema.options.map((decision) => `${DECISION_EMOJI[decision]} ${decision}: ${report.decisions[decision]}`);
  return [`*Cycle decisions (${report.window})*`, ...lines].join('\n');
}

function incidentsField(report: GrowthReport): string {
  const lines = SEVERITIES.map(
    (severity) => `${SEVERITY_EMOJI[severity]} ${SEVERITY_POLICY[severity].label} (${severity}): ${report.incidents[severity]}`,
  );
  return [`*Incidents opened (${report.window})*`, ...lines].join('\n');
}

const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Each KPI against its target: the latest value, how far toward the target, and which way it moves. */
function kpiLines(report: GrowthReport): string[] {
  if (report.kpis.length === 0) return [];
  return [
    '*KPIs*',
    ...report.kpis.map((kpi) => {
      const latest = kpi.latest ? `${number(kpi.latest.value)} ${mrkdwnEscape(kpi.unit)}` : 'no value yet';
      const progress = targetProgress(kpi);
      const target = kpi.target === undefined ? '' : ` · target ${number(kpi.target)}${progress === undefined ? '' : ` (${Math.round(progress * 100)} %)`}`;
      return `• ${mrkdwnEscape(kpi.label)}: ${latest}${target} · ${kpi.trend}`;
    }),
  ];
}

function spendLine(report: GrowthReport): string[] {
  const spend = report.spend;
  if (!spend) return [];
  const spent = spend.spent === undefined ? 'not recorded (`/ohmymkt metrics set spend=<amount>`)' : number(spend.spent);
  const budget = spend.budget === undefined ? 'no budget amount in the plan' : `of ${number(spend.budget)}${spend.spent === undefined ? '' : ` (${Math.round((spend.spent / spend.budget) * 100)} %)`}`;
  return [`*Spend:* ${spent} ${budget}`];
}

function publishedLine(report: GrowthReport): string {
  const entries = Object.entries(report.published);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return `*Published (${report.window}):* ${total === 0 ? 'nothing' : entries.map(([platform, n]) => `${n} on ${mrkdwnEscape(platform)}`).join(', ')}`;
}

function prioritiesBlocks(priorities: string[]): KnownBlock[] {
  const given = priorities.filter((priority) => priority.trim() !== '');
  if (given.length === 0) return [];
  const shown = given.slice(0, MAX_NEXT_PRIORITIES);
  return sectionsFromLines([
    '*Next-cycle priorities*',
    ...shown.map((priority, i) => `${i + 1}. ${mrkdwnEscape(priority)}`),
    ...andMore(given.length - shown.length),
  ]);
}

function summaryText(report: GrowthReport, title: string): string {
  const d = report.decisions;
  const i = report.incidents;
  return `${title}: ${gateSummary(report.gates)}; decisions ${d.continue} continue, ${d.intervene} intervene, ${d.rollback} rollback; incidents P0 ${i.high}, P1 ${i.medium}, P2 ${i.low}`;
}

export function reportMessage(report: GrowthReport, title?: string, nextPriorities: string[] = []): Message {
  const heading = title?.trim() ? title : reportTitle(report);
  return message(summaryText(report, heading), [
    header(heading),
    context([`${slackDate(report.from, false)} → ${slackDate(report.to, false)}`]),
    section(`${report.gatesPass ? PASS_EMOJI : FAIL_EMOJI} *${gateSummary(report.gates)}*`),
    ...sectionsFromLines(report.gates.map(gateLine)),
    ...sectionsFromLines([...kpiLines(report), ...spendLine(report), publishedLine(report)]),
    fieldsSection([decisionsField(report), incidentsField(report)]),
    ...sectionsFromLines(['*Recommendations*', ...bullets(report.recommendations)]),
    ...prioritiesBlocks(nextPriorities),
  ]);
}
