// A cycle's outcome (rules §4): the decision first, then why, then what to do, then what to watch.
import type { Cadence, Cycle, Decision } from '../../domain/decisions.ts';
import { andMore, bullets, context, header, message, section, sectionsFromLines, slackDate, type Message } from './kit.ts';
import { mrkdwnEscape } from './limits.ts';

export const DECISION_EMOJI: Record<Decision, string> = {
  continue: ':arrow_forward:',
  intervene: ':wrench:',
  rollback: ':rewind:',
};

const CADENCE_TITLE: Record<Cadence, string> = { weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly' };

/** Incident ids in the context line; a quarter of incidents would otherwise crowd it out. */
const MAX_CONTEXT_INCIDENT_IDS = 10;
/** Actions come from the domain's short lists; the cap only guards against a corrupt record. */
export const MAX_CYCLE_ACTIONS = 15;
/** Warnings are few by nature (balance, staleness); a flood is summarised. */
export const MAX_CYCLE_WARNINGS = 10;

export function cycleTitle(cycle: Pick<Cycle, 'cadence' | 'decision'>): string {
  return `${CADENCE_TITLE[cycle.cadence]} cycle: ${cycle.decision}`;
}

function incidentsText(ids: string[]): string {
  if (ids.length === 0) return 'no incidents in the window';
  const shown = ids.slice(0, MAX_CONTEXT_INCIDENT_IDS).join(', ');
  return `incidents in the window: ${mrkdwnEscape(shown)}${ids.length > MAX_CONTEXT_INCIDENT_IDS ? ` and ${ids.length - MAX_CONTEXT_INCIDENT_IDS} more` : ''}`;
}

/** `preview`: a look at what a cycle would decide now; it was not recorded and says how to record it. */
export function cycleMessage(cycle: Cycle, warnings: string[], options: { preview?: boolean } = {}): Message {
  const shownWarnings = warnings.slice(0, MAX_CYCLE_WARNINGS);
  const warningLines = [
    ...shownWarnings.map((warning) => `:warning: ${mrkdwnEscape(warning)}`),
    ...andMore(warnings.length - shownWarnings.length, 'more warnings'),
  ];
  const recordHint = `Not recorded. \`/ohmymkt cycle run ${cycle.cadence}\` records it and posts it in the channel (approvers and admins).`;
  return message(`${options.preview ? 'Preview: ' : ''}${cycleTitle(cycle)} — ${cycle.reason}`, [
    header(`${DECISION_EMOJI[cycle.decision]} ${options.preview ? 'Now: ' : ''}${cycleTitle(cycle)}`),
    section(`*Why:* ${mrkdwnEscape(cycle.reason)}`),
    ...sectionsFromLines([
      '*Actions*',
      ...bullets(cycle.actions.slice(0, MAX_CYCLE_ACTIONS)),
      ...andMore(cycle.actions.length - MAX_CYCLE_ACTIONS, 'more actions'),
    ]),
    ...(warningLines.length > 0 ? sectionsFromLines(warningLines) : []),
    context([
      `${slackDate(cycle.at)}`,
      cycle.gatesPass ? 'startup gates: all pass' : 'startup gates: failing',
      cycle.campaignActive ? 'campaign active' : 'no active campaign',
      incidentsText(cycle.incidentIds),
    ]),
    ...(options.preview ? [context([recordHint])] : []),
  ]);
}
