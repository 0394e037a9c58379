// A run's closing report: first what this run changed in stored state and what was refused (from the
// app's own records), then what waits for a person, then the agent's summary labelled as its words,
// and the program's standing in one line. The standing is the channel's, not the run's, so it is a
// pointer to `/ohmymkt status` rather than the 25 lines every run would otherwise repeat.
import type { KnownBlock } from '@slack/types';
import type { ThreadPost } from '../../runs/ports.ts';
import { andMore, context, header, sectionsFromLines } from '../blocks/kit.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';
import { gateSummary } from '../blocks/gates.ts';

type ReportPost = Extract<ThreadPost, { type: 'report' }>;

/** Lines per list; a run that changed more says how many more (the audit log keeps them all). */
export const MAX_REPORT_LINES = 15;
const MAX_NEXT_ACTIONS = 5;

function listed(title: string, lines: string[], bullet = '•'): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, MAX_REPORT_LINES);
  return [title, ...shown.map((line) => `${bullet} ${mrkdwnEscape(line)}`), ...andMore(lines.length - shown.length)];
}

/** Why nothing changed, when nothing did: every action refused, or no action that records anything. */
function nothingChanged(post: ReportPost): string {
  if (post.facts.refused.length > 0) return ':information_source: *Nothing was changed.* Every action this run tried was refused; the reasons are below.';
  return ':information_source: *Nothing was changed.* This run took no action that records anything in the program.';
}

export function standingLine(post: ReportPost): string {
  const { report } = post;
  const d = report.decisions;
  const i = report.incidents;
  return `Program standing: ${gateSummary(report.gates)} · cycles (${report.window}): ${d.continue} continue, ${d.intervene} intervene, ${d.rollback} rollback · incidents: ${i.high} P0, ${i.medium} P1, ${i.low} P2 · \`/ohmymkt status\` for the whole picture`;
}

/** Plain text for notifications and screen readers: the changes first, like the blocks. */
export function closingReportText(post: ReportPost): string {
  const { changes, refused } = post.facts;
  if (changes.length === 0) return `Closing report: nothing was changed${refused.length > 0 ? `; ${refused.length} action(s) refused` : ''}`;
  return `Closing report: ${changes.length} change(s)${refused.length > 0 ? `, ${refused.length} refused` : ''} — ${changes.slice(0, 3).join('; ')}`;
}

export function closingReportBlocks(post: ReportPost): KnownBlock[] {
  const { changes, refused } = post.facts;
  const changed = changes.length > 0 ? sectionsFromLines(listed('*What this run changed*', changes, ':white_check_mark:')) : sectionsFromLines([nothingChanged(post)]);
  const refusedLines = refused.length > 0 ? sectionsFromLines(listed('*Refused or failed*', refused, ':no_entry_sign:')) : [];
  const blocked = post.blocked.length > 0 ? sectionsFromLines(listed('*Blocked channels*', post.blocked)) : [];
  const waiting = post.waiting.length > 0 ? sectionsFromLines(listed('*Waiting for a person*', post.waiting)) : [];
  const next = post.actions.slice(0, MAX_NEXT_ACTIONS);
  const nextLines = next.length > 0 ? sectionsFromLines(['*Next-cycle actions*', ...next.map((action, i) => `${i + 1}. ${mrkdwnEscape(action)}`)]) : [];
  const summary = post.summary.trim()
    ? [context(["*growth-manager's summary* — the agent's own words; what changed is listed above"]), ...sectionsFromLines(post.summary.split('\n').map(mrkdwnEscape))]
    : [];
  return [header('Closing report'), ...changed, ...refusedLines, ...blocked, ...waiting, ...nextLines, ...summary, context([standingLine(post)])];
}
