// Incident messages (rules §5): the channel alert, its thread updates, the resolve, and the list.
// Severity always shows as P0/P1/P2 with a colour, because that is how people say it out loud.
import {
  AFTER_RESOLVE_STEPS,
  HIGH_ESCALATION_STEPS,
  highEscalationSteps,
  isPaused,
  SEVERITIES,
  SEVERITY_POLICY,
  type Incident,
  type Severity,
} from '../../domain/incidents.ts';
import type { Playbook } from '../../domain/playbook.ts';
import { daysBetween } from '../../domain/window.ts';
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

export const SEVERITY_EMOJI: Record<Severity, string> = {
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':large_yellow_circle:',
};

/** ":red_circle: P0", the way a severity is shown everywhere. */
export function severityLabel(severity: Severity): string {
  return `${SEVERITY_EMOJI[severity]} ${SEVERITY_POLICY[severity].label}`;
}

/** Lines in `incident list`; beyond it the list says how many it left out. */
export const MAX_LISTED_INCIDENTS = 25;
/** How far back a resolved incident still counts as "recent" in the list. */
export const RECENTLY_RESOLVED_DAYS = 7;
/** A list line is a glance; the full summary lives in the alert. */
const LIST_SUMMARY_MAX = 120;

const PAUSED_NOTE = ':double_vertical_bar: Risky work (publishing, spending, launching) is paused in this channel until no P0 is open.';

function whatHappensNext(incident: Incident, book: Playbook | undefined): string[] {
  const policy = SEVERITY_POLICY[incident.severity];
  if (policy.pausesRiskyWork) {
    return [
      `*What happens next:* ${policy.response}.`,
      ...(book ? highEscalationSteps(book) : HIGH_ESCALATION_STEPS).map((step, i) => `${i + 1}. ${step}`),
      PAUSED_NOTE,
    ];
  }
  return [`*What happens next:* ${policy.response}. Guarded work (research, drafting, analysis) keeps going.`];
}

function commandsHint(incident: Incident): string {
  return `Update: \`/ohmymkt incident update ${incident.id} &lt;note&gt;\` · Resolve: \`/ohmymkt incident resolve ${incident.id} [note]\``;
}

// An alert posted as the incident opens needs no age; one posted late (a restart) says how late.
const LATE_ALERT_MS = 5 * 60_000;

function openedAgo(incident: Incident, now: Date): string {
  return now.getTime() - incident.openedAt.getTime() >= LATE_ALERT_MS ? ` (${formatAge(incident.openedAt, now)} ago)` : '';
}

/** `book` is the program's playbook, whose words name what a P0 pauses (seo-aeo's when absent). */
export function incidentAlert(incident: Incident, now: Date, book?: Playbook): Message {
  const label = SEVERITY_POLICY[incident.severity].label;
  return message(`${label} incident ${incident.id} opened (${incident.module}): ${incident.summary}`, [
    header(`${SEVERITY_EMOJI[incident.severity]} ${label} incident ${incident.id}`),
    section(mrkdwnEscape(incident.summary)),
    fieldsSection([
      `*Severity*\n${severityLabel(incident.severity)} (${incident.severity})`,
      `*Module*\n${mrkdwnEscape(incident.module)}`,
      `*Opened by*\n${actorText(incident.openedBy)}`,
      `*Opened*\n${slackDate(incident.openedAt)}${openedAgo(incident, now)}`,
    ]),
    section(whatHappensNext(incident, book).join('\n')),
    context([commandsHint(incident)]),
  ]);
}

export function incidentUpdated(incident: Incident, now: Date): Message {
  const note = incident.notes[incident.notes.length - 1];
  const label = SEVERITY_POLICY[incident.severity].label;
  const who = note === undefined ? '' : ` by ${actorText(note.by)}`;
  return message(`${incident.id} (${label}) updated${note === undefined ? '' : `: ${note.text}`}`, [
    section(`:memo: *${incident.id}* updated${who} · ${severityLabel(incident.severity)} · ${incident.status}`),
    section(note === undefined ? '_No notes yet._' : mrkdwnEscape(note.text)),
    context([
      `${plural(incident.notes.length, 'note')} · opened ${formatAge(incident.openedAt, now)} ago · ${mrkdwnEscape(truncate(incident.summary, LIST_SUMMARY_MAX))}`,
    ]),
  ]);
}

export function incidentResolved(incident: Incident, now: Date): Message {
  const label = SEVERITY_POLICY[incident.severity].label;
  const resolvedAt = incident.resolvedAt ?? now;
  const by = incident.resolvedBy === undefined ? '' : ` by ${actorText(incident.resolvedBy)}`;
  const last = incident.notes[incident.notes.length - 1];
  // The note typed with `resolve` carries the resolve's own timestamp; an older note is not its reason.
  const resolveNote = last !== undefined && last.at.getTime() === resolvedAt.getTime() ? last : undefined;
  const next = AFTER_RESOLVE_STEPS.map((step, i) => `${i + 1}. ${step}`).join('\n');
  return message(`${label} incident ${incident.id} resolved: ${incident.summary}`, [
    section(
      `:white_check_mark: *${incident.id} resolved*${by} after ${formatAge(incident.openedAt, resolvedAt)} · ${severityLabel(incident.severity)} · ${mrkdwnEscape(incident.module)}`,
    ),
    section(mrkdwnEscape(incident.summary)),
    ...(resolveNote === undefined ? [] : [section(`*Resolution:* ${mrkdwnEscape(resolveNote.text)}`)]),
    section(`*What happens next:*\n${next}`),
    context([`Opened ${slackDate(incident.openedAt)} by ${actorText(incident.openedBy)} · resolved ${slackDate(resolvedAt)}`]),
  ]);
}

const severityRank = (incident: Incident): number => SEVERITIES.indexOf(incident.severity);

function listLine(incident: Incident, now: Date): string {
  const status =
    incident.status === 'open'
      ? `open ${formatAge(incident.openedAt, now)}`
      : `resolved ${formatAge(incident.resolvedAt ?? incident.openedAt, now)} ago`;
  const summary = mrkdwnEscape(truncate(incident.summary.replace(/\s+/g, ' '), LIST_SUMMARY_MAX));
  return `${severityLabel(incident.severity)} *${incident.id}* · ${status} · ${mrkdwnEscape(incident.module)} — ${summary}`;
}

/** Open incidents first (most severe, then oldest), then those resolved in the last week, newest first. */
export function listedIncidents(incidents: Incident[], now: Date): { open: Incident[]; resolved: Incident[] } {
  const open = incidents
    .filter((incident) => incident.status === 'open')
    .sort((a, b) => severityRank(a) - severityRank(b) || a.openedAt.getTime() - b.openedAt.getTime());
  const resolved = incidents
    .filter((incident) => incident.status === 'resolved')
    .filter((incident) => daysBetween(incident.resolvedAt ?? incident.openedAt, now) <= RECENTLY_RESOLVED_DAYS)
    .sort((a, b) => (b.resolvedAt ?? b.openedAt).getTime() - (a.resolvedAt ?? a.openedAt).getTime());
  return { open, resolved };
}

export function incidentList(incidents: Incident[], now: Date): Message {
  const { open, resolved } = listedIncidents(incidents, now);
  const shownOpen = open.slice(0, MAX_LISTED_INCIDENTS);
  const shownResolved = resolved.slice(0, MAX_LISTED_INCIDENTS - shownOpen.length);
  const hidden = open.length - shownOpen.length + (resolved.length - shownResolved.length);
  const p0 = open.filter((incident) => incident.severity === 'high').length;
  const summary = `${open.length} open${p0 > 0 ? ` (${p0} P0)` : ''} · ${resolved.length} resolved in the last ${RECENTLY_RESOLVED_DAYS} days`;
  const empty = open.length === 0 && resolved.length === 0;
  return message(`Incidents: ${summary}`, [
    header('Incidents'),
    section(empty ? `:white_check_mark: No open incidents and none resolved in the last ${RECENTLY_RESOLVED_DAYS} days.` : `*${summary}*`),
    ...(isPaused(incidents) ? [section(PAUSED_NOTE)] : []),
    ...(shownOpen.length > 0 ? sectionsFromLines(['*Open*', ...shownOpen.map((incident) => listLine(incident, now))]) : []),
    ...(shownResolved.length > 0
      ? sectionsFromLines(['*Recently resolved*', ...shownResolved.map((incident) => listLine(incident, now))])
      : []),
    ...(hidden > 0 ? [section(andMore(hidden, `more (${open.length - shownOpen.length} open, ${resolved.length - shownResolved.length} resolved)`).join(''))] : []),
    context(['Open one with `/ohmymkt incident open &lt;high|medium|low&gt; [module:&lt;name&gt;] &lt;summary&gt;`']),
  ]);
}
