// `/ohmymkt status`: one screen answering "can we run, what is wrong, what was decided last".
// Details live behind the commands in the closing hint, so this stays short on a phone.
import type { KnownBlock } from '@slack/types';
import type { CampaignStatus, Execution } from '../../domain/campaign.ts';
import type { Cycle } from '../../domain/decisions.ts';
import { failingGates, type GateEvaluation } from '../../domain/gates.ts';
import { countBySeverity, SEVERITIES, SEVERITY_POLICY, type Incident } from '../../domain/incidents.ts';
import { currentVersions, planLabel, type Plan } from '../../domain/plans.ts';
import { cycleTitle, DECISION_EMOJI } from './cycle.ts';
import { FAIL_EMOJI, gateSummary, PASS_EMOJI } from './gates.ts';
import { listedIncidents, severityLabel } from './incidents.ts';
import {
  actorText,
  andMore,
  context,
  fieldsSection,
  formatAge,
  header,
  message,
  plural,
  section,
  sectionsFromLines,
  slackDate,
  type Message,
} from './kit.ts';
import { mrkdwnEscape, truncate } from './limits.ts';
import { PLAN_STATUS_EMOJI } from './plans.ts';

export interface StatusInput {
  campaign: CampaignStatus;
  execution?: Execution;
  gates: GateEvaluation[];
  openIncidents: Incident[];
  plans: Plan[];
  lastCycle?: Cycle;
  warnings: string[];
}

/** Open incidents named on the status screen; `incident list` has the rest. */
export const MAX_STATUS_INCIDENTS = 5;
export const MAX_STATUS_WARNINGS = 5;
const STATUS_LINE_MAX = 160;

export const CAMPAIGN_EMOJI: Record<CampaignStatus, string> = {
  none: ':white_circle:',
  active: ':large_green_circle:',
  paused: ':double_vertical_bar:',
};

function campaignText(campaign: CampaignStatus, execution: Execution | undefined): string {
  const started =
    execution === undefined
      ? ''
      : `\n${execution.planId} v${execution.planVersion} · started ${slackDate(execution.startedAt)} by ${actorText(execution.startedBy)} · tracks: ${execution.activeTracks.join(', ') || 'none'}`;
  switch (campaign) {
    case 'none':
      return `${CAMPAIGN_EMOJI.none} *No active campaign.* One starts from an approved plan once all startup gates pass.`;
    case 'active':
      return `${CAMPAIGN_EMOJI.active} *Campaign active*${started}`;
    case 'paused':
      return `${CAMPAIGN_EMOJI.paused} *Campaign paused:* a P0 incident is open, so publishing, spending and launching wait.${started}`;
  }
}

function gatesField(gates: GateEvaluation[]): string {
  const failing = failingGates(gates);
  const mark = gates.length > 0 && failing.length === 0 ? PASS_EMOJI : FAIL_EMOJI;
  const names = failing.length > 0 ? `\nfailing: ${failing.map((gate) => gate.gate).join(', ')}` : '';
  return `*Startup gates*\n${mark} ${gateSummary(gates)}${names}`;
}

function incidentsField(open: Incident[]): string {
  if (open.length === 0) return '*Open incidents*\n:white_check_mark: none';
  const counts = countBySeverity(open);
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map(
    (severity) => `${counts[severity]} ${SEVERITY_POLICY[severity].label}`,
  );
  return `*Open incidents*\n${open.length} open: ${parts.join(', ')}`;
}

function plansField(plans: Plan[]): string {
  const current = currentVersions(plans);
  if (current.length === 0) return '*Plans*\nnone yet';
  const approved = current.find((plan) => plan.status === 'approved');
  const waiting = current.filter((plan) => plan.status === 'in_review').length;
  const lines = [
    plural(current.length, 'plan'),
    approved === undefined ? 'none approved' : `${PLAN_STATUS_EMOJI.approved} ${planLabel(approved)} approved`,
    ...(waiting > 0 ? [`${PLAN_STATUS_EMOJI.in_review} ${waiting} waiting for approval`] : []),
  ];
  return `*Plans*\n${lines.join('\n')}`;
}

function cycleField(cycle: Cycle | undefined, now: Date): string {
  if (cycle === undefined) return '*Last cycle*\nnone yet';
  return `*Last cycle*\n${DECISION_EMOJI[cycle.decision]} ${cycleTitle(cycle)}, ${formatAge(cycle.at, now)} ago\n${mrkdwnEscape(truncate(cycle.reason, STATUS_LINE_MAX))}`;
}

function incidentLines(open: Incident[], now: Date): KnownBlock[] {
  const ordered = listedIncidents(open, now).open;
  const shown = ordered.slice(0, MAX_STATUS_INCIDENTS);
  if (shown.length === 0) return [];
  return sectionsFromLines([
    ...shown.map(
      (incident) =>
        `${severityLabel(incident.severity)} *${incident.id}* · open ${formatAge(incident.openedAt, now)} — ${mrkdwnEscape(truncate(incident.summary.replace(/\s+/g, ' '), STATUS_LINE_MAX))}`,
    ),
    ...andMore(ordered.length - shown.length, 'more: `/ohmymkt incident list`'),
  ]);
}

function warningBlocks(warnings: string[]): KnownBlock[] {
  const shown = warnings.slice(0, MAX_STATUS_WARNINGS);
  if (shown.length === 0) return [];
  return sectionsFromLines([
    ...shown.map((warning) => `:warning: ${mrkdwnEscape(warning)}`),
    ...andMore(warnings.length - shown.length, 'more warnings'),
  ]);
}

export function statusMessage(s: StatusInput, now: Date): Message {
  const open = s.openIncidents.filter((incident) => incident.status === 'open');
  const summary = [
    s.campaign === 'none' ? 'no active campaign' : `campaign ${s.campaign}`,
    gateSummary(s.gates),
    `${open.length} open incident${open.length === 1 ? '' : 's'}`,
    ...(s.warnings.length > 0 ? [plural(s.warnings.length, 'warning')] : []),
  ].join(' · ');
  return message(`Status: ${summary}`, [
    header('Program status'),
    section(campaignText(s.campaign, s.execution)),
    fieldsSection([gatesField(s.gates), incidentsField(open), plansField(s.plans), cycleField(s.lastCycle, now)]),
    ...incidentLines(open, now),
    ...warningBlocks(s.warnings),
    context(['More: `/ohmymkt gates` · `incident list` · `plans` · `metrics` · `report 30d`']),
  ]);
}
