// `/ohmymkt plans`: the current version of each plan, newest first, with who decided it and when.
import type { KnownBlock } from '@slack/types';
import { currentVersions, planLabel, reviewFailures, type Plan, type PlanStatus } from '../../domain/plans.ts';
import { andMore, context, header, message, plural, section, slackDate, userMention, type Message } from './kit.ts';
import { mrkdwnEscape } from './limits.ts';

export const PLAN_STATUS_EMOJI: Record<PlanStatus, string> = {
  draft: ':memo:',
  in_review: ':hourglass_flowing_sand:',
  approved: ':white_check_mark:',
  rejected: ':x:',
  superseded: ':wastebasket:',
};

const STATUS_WORDS: Record<PlanStatus, string> = {
  draft: 'draft',
  in_review: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  superseded: 'superseded',
};

/** Each plan takes a header and a section; ten keep the message short and well under 50 blocks. */
export const MAX_LISTED_PLANS = 10;

export function planStatusText(plan: Plan): string {
  return `${PLAN_STATUS_EMOJI[plan.status]} ${STATUS_WORDS[plan.status]}`;
}

/** Who decided and when, or what the plan is waiting for. */
export function planDecisionText(plan: Plan): string {
  const decision = plan.decision;
  if (decision !== undefined) {
    const reason = decision.reason === undefined ? '' : `: “${mrkdwnEscape(decision.reason)}”`;
    return `${decision.status} by ${userMention(decision.by)} ${slackDate(decision.at)}${reason}`;
  }
  if (plan.status === 'in_review') return 'checklist passed; waiting for an approver to click Approve or Reject';
  const failures = reviewFailures(plan);
  if (plan.status === 'draft' && failures.length > 0) {
    return `back with the requirements analyst: ${plural(failures.length, 'checklist item')} to fix`;
  }
  return plan.status === 'draft' ? 'being written by the requirements analyst' : 'no decision recorded';
}

function planBlocks(plan: Plan): KnownBlock[] {
  return [
    header(plan.name),
    section(
      [
        `*${planLabel(plan)}* · ${planStatusText(plan)}`,
        planDecisionText(plan),
        `_Created ${slackDate(plan.createdAt)} by ${userMention(plan.createdBy.userId)}_`,
      ].join('\n'),
    ),
  ];
}

export function plansMessage(plans: Plan[]): Message {
  const current = currentVersions(plans);
  const shown = current.slice(0, MAX_LISTED_PLANS);
  const approved = current.filter((plan) => plan.status === 'approved').length;
  const waiting = current.filter((plan) => plan.status === 'in_review').length;
  const summary =
    current.length === 0
      ? 'No plans yet'
      : `${plural(current.length, 'plan')} · ${approved} approved · ${waiting} waiting for approval`;
  return message(`Plans: ${summary}`, [
    section(
      current.length === 0
        ? '*No plans yet.* Mention me with a goal to start a planned run, e.g. `@ohmymkt plan a 30-day demand-gen pipeline`.'
        : `*Plans* · ${summary}`,
    ),
    ...shown.flatMap(planBlocks),
    ...andMore(current.length - shown.length, 'older plans').map((line) => section(line)),
    context(['Only the current version of each plan is shown; an approve or reject on an older version changes nothing.']),
  ]);
}
