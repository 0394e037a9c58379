// What a run shows in its thread: the route, agents' words, questions, the plan with Approve /
// Reject, assets for review with Approve / Send back, each decision once made, failures with Retry,
// and the closing report.
import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { AgentName } from '../../domain/agents.ts';
import type { Asset } from '../../domain/assets.ts';
import type { ApprovalNeed } from '../../domain/permissions.ts';
import { CHECKLIST } from '../../domain/checklist.ts';
import { CATEGORY_LABELS, PROVIDERS } from '../../domain/providers.ts';
import { planLabel, type Plan } from '../../domain/plans.ts';
import { planOutline } from '../../domain/plan-text.ts';
import type { ThreadPost } from '../../runs/ports.ts';
import { context, header, message, openLink, section, sectionsFromLines, slackDate, type Message } from '../blocks/kit.ts';
import { groupMention, mrkdwnEscape, splitIntoMessages, truncate } from '../blocks/limits.ts';
import { costLine } from './cost-line.ts';
import { closingReportBlocks, closingReportText } from './closing-report.ts';
import { ACTION_IDS } from '../ids.ts';

/** What a button carries back: the plan version it was shown for, so a stale click is recognised. */
export interface PlanButtonValue {
  threadTs: string;
  planId: string;
  version: number;
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): ActionsBlock['elements'][number] {
  return { type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) };
}

function planSummary(plan: Plan): string[] {
  const r = plan.requirements;
  const list = (items: string[]) => (items.length > 0 ? items.map((i) => mrkdwnEscape(i)).join('; ') : '—');
  // The analyst's proposal: the playbook the channel adopts on approval (if it has none) and the KPI targets it sets.
  const targets = Object.entries(plan.kpiTargets ?? {}).map(([kpi, target]) => `${mrkdwnEscape(kpi)} ${target}`);
  const playbook = plan.playbook ? [`*Playbook:* ${mrkdwnEscape(plan.playbook)}${targets.length > 0 ? `  ·  *KPI targets:* ${targets.join(', ')}` : ''}`] : targets.length > 0 ? [`*KPI targets:* ${targets.join(', ')}`] : [];
  return [
    ...playbook,
    `*Objective:* ${mrkdwnEscape(r.objective) || '—'}`,
    `*Channels:* ${list(r.channels)}`,
    `*Boundaries:* ${list(r.boundaries)}`,
    `*Timeline:* ${mrkdwnEscape(r.timeline) || '—'}  ·  *Budget:* ${mrkdwnEscape(r.budget) || '—'}`,
    `*Acceptance criteria:*\n${r.acceptanceCriteria.map((c) => `• ${mrkdwnEscape(c)}`).join('\n') || '—'}`,
    `*Rollback route:* ${mrkdwnEscape(r.rollbackRoute) || '—'}`,
    `*Owners:* ${r.owners.map((o) => `${mrkdwnEscape(o.deliverable)} → ${mrkdwnEscape(o.owner) || '—'}`).join('; ') || '—'}`,
  ];
}

function checklistLines(plan: Plan): string[] {
  const verdict = plan.review?.verdict ?? [];
  return CHECKLIST.map((item) => {
    const found = verdict.find((v) => v.key === item.key);
    return `${found?.pass ? ':white_check_mark:' : ':x:'} ${item.text} — ${mrkdwnEscape(found?.reason ?? 'not reviewed')}`;
  });
}

const LISTED_APPROVERS = 5;

/** Whose click the card waits for, with each of them mentioned so Slack tells them. */
export function approvalSentence(need: ApprovalNeed): string {
  const shown = need.approvers.slice(0, LISTED_APPROVERS).map((id) => `<@${id}>`);
  const named = need.approvers.length > LISTED_APPROVERS ? `${shown.join(', ')} and ${need.approvers.length - LISTED_APPROVERS} more` : shown.join(', ');
  // A group the channel named (`/ohmymkt approvers group`) is told instead of each approver.
  const list = need.group ? groupMention(need.group) : named;
  if (!need.requesterMay) return `Needs approval from an approver other than <@${need.requesterId}> (four-eyes on high impact): ${list}`;
  return list ? `Needs approval from <@${need.requesterId}> or an approver: ${list}` : `Needs approval from <@${need.requesterId}>`;
}

/** "Changed since v1", field by field; a version whose requirements did not change says so. */
function changedSince(post: Extract<ThreadPost, { type: 'plan' }>): KnownBlock[] {
  if (!post.changes) return [];
  const { since, lines } = post.changes;
  if (lines.length === 0) return [context([`:repeat: Requirements unchanged since v${since}.`])];
  return sectionsFromLines([`:pencil2: *Changed since v${since}*`, ...lines.slice(0, 15).map((line) => `• ${mrkdwnEscape(line)}`), ...(lines.length > 15 ? [`and ${lines.length - 15} more`] : [])]);
}

function planMessage(post: Extract<ThreadPost, { type: 'plan' }>, threadTs: string, needs?: ApprovalNeed): Message {
  const { plan } = post;
  const value = JSON.stringify({ threadTs, planId: plan.id, version: plan.version } satisfies PlanButtonValue);
  const why =
    post.kind === 'high_cost'
      ? `:raised_hand: *\`${mrkdwnEscape(post.action ?? 'a high-cost action')}\` is waiting for approval of this plan.*`
      : ':clipboard: *The plan passed review and needs a person to approve it before anything runs.*';
  return message(`${planLabel(plan)} needs approval: ${plan.name}`, [
    header(`${planLabel(plan)} · ${plan.name}`),
    section(why),
    ...changedSince(post),
    ...sectionsFromLines(planSummary(plan)),
    ...sectionsFromLines(['*Checklist*', ...checklistLines(plan)]),
    // The template's sections, collapsed to their headings; the whole plan is one click away.
    context([`*The plan's sections:* ${planOutline(plan).map(mrkdwnEscape).join(' · ')}`]),
    {
      type: 'actions',
      block_id: `plan:${plan.id}:v${plan.version}`,
      elements: [button('Approve', ACTION_IDS.approvePlan, value, 'primary'), button('Reject', ACTION_IDS.rejectPlan, value, 'danger'), button('View full plan', ACTION_IDS.viewPlan, value)],
    },
    ...(needs ? [context([`:bust_in_silhouette: ${approvalSentence(needs)}.`])] : []),
  ]);
}

const PUBLISH_LABELS = PROVIDERS.filter((provider) => provider.category === 'publish').map((provider) => provider.label).join(', ');

/** An approved plan's next step: Start campaign while the gates pass, otherwise what stands in the way. */
function campaignOffer(post: Extract<ThreadPost, { type: 'decided' }>, threadTs: string): KnownBlock[] {
  if (post.decision !== 'approved' || post.gatesPass === undefined) return [];
  if (!post.gatesPass) return [context(['The campaign can start once every startup gate passes: `/ohmymkt gates` shows what is missing.'])];
  const value = JSON.stringify({ threadTs, planId: post.plan.id, version: post.plan.version } satisfies PlanButtonValue);
  return [
    { type: 'actions', block_id: `campaign:${post.plan.id}:v${post.plan.version}`, elements: [button(':rocket: Start campaign', ACTION_IDS.startCampaign, value, 'primary')] },
    context(['The startup gates pass. An approver or an admin may start the campaign.']),
  ];
}

/** What a Configure button carries: the run, which of its provider issues, and which provider to set. */
export interface ConfigureButtonValue {
  threadTs: string;
  issue: number;
  provider: string;
}

function providerProblemMessage(post: Extract<ThreadPost, { type: 'provider_problem' }>, threadTs: string): Message {
  const candidates = post.code === 'not_configured' ? PROVIDERS.filter((p) => p.category === post.category) : PROVIDERS.filter((p) => p.id === post.provider);
  const label = CATEGORY_LABELS[post.category];
  const problem =
    post.code === 'not_configured'
      ? `No ${label.toLowerCase()} provider is configured for this channel.`
      : `${candidates[0]?.label ?? post.provider} failed (${post.code.replace('_', ' ')}): ${post.message}`;
  const buttons = candidates.map((provider) =>
    button(`Configure ${provider.label}`, `${ACTION_IDS.configureProvider}:${provider.id}`, JSON.stringify({ threadTs, issue: post.issue, provider: provider.id } satisfies ConfigureButtonValue)),
  );
  return message(`${label}: ${problem}`, [
    section(`:electric_plug: *${mrkdwnEscape(problem)}*\nThe run continues without this channel. Configure a provider and the call is retried once; if it still fails, a low incident is opened.`),
    { type: 'actions', block_id: `provider:${post.issue}`, elements: buttons },
  ]);
}

/** What an asset's Approve / Send back button carries: the run's thread (for who may decide) and the asset. */
export interface AssetButtonValue {
  threadTs: string;
  assetId: string;
}

function assetLines(asset: Asset): string[] {
  const location = asset.location === undefined ? '—' : openLink(asset.location);
  return [`*Type:* ${asset.type.replaceAll('_', ' ')}  ·  *Format:* ${asset.format}  ·  *Where:* ${location}`, ...(asset.notes ? [mrkdwnEscape(asset.notes)] : [])];
}

function assetReviewMessage(asset: Asset, threadTs: string, needs?: ApprovalNeed): Message {
  const value = JSON.stringify({ threadTs, assetId: asset.id } satisfies AssetButtonValue);
  return message(`${asset.id} ${asset.name} is ready for review`, [
    header(`${asset.id} · ${asset.name}`),
    section(':eyes: *Ready for review.* Nothing is published until a person approves it.'),
    section(assetLines(asset).join('\n')),
    {
      type: 'actions',
      block_id: `asset:${asset.id}`,
      elements: [button('Approve', ACTION_IDS.approveAsset, value, 'primary'), button('Send back to draft', ACTION_IDS.sendBackAsset, value)],
    },
    context([needs ? `:bust_in_silhouette: ${approvalSentence(needs)}.` : 'The requester or an approver of this channel decides (`/ohmymkt approvers`).']),
  ]);
}

// A delegation is one line in the thread; the whole task is in the delegated agent's transcript.
const DELEGATION_LINE_MAX = 300;

/** A one-line notice whose text the app wrote (user and model text inside it already escaped). */
function notice(text: string): Message {
  return message(text, [section(text)]);
}

/** The agent a post speaks for, posted under its name and icon; undefined for the app's own posts. */
export function speakerOf(post: ThreadPost): AgentName | undefined {
  switch (post.type) {
    case 'agent':
      return post.agent;
    case 'delegation':
      return post.from;
    case 'question':
      return post.agent;
    case 'report':
      // growth-manager owns the run and closes it.
      return 'growth-manager';
    default:
      return undefined;
  }
}

/** `needs`: for a plan or an asset in review, whose approval it waits for (four-eyes applied to a plan). */
export function threadMessages(post: ThreadPost, threadTs: string, needs?: ApprovalNeed): Message[] {
  switch (post.type) {
    case 'route': {
      const offer = post.offerUltrawork ? [button(':zap: Run as Ultrawork', ACTION_IDS.runAsUltrawork, threadTs)] : [];
      const blocks: KnownBlock[] = [
        section(`*${mrkdwnEscape(post.description)}*`),
        { type: 'actions', block_id: 'route', elements: [...offer, button('Cancel run', ACTION_IDS.cancelRun, threadTs)] },
        context(['Say `cancel` in this thread to stop the run at any time.']),
      ];
      return [message(post.description, blocks)];
    }
    case 'agent':
      // A model's words are escaped like anyone's: its *bold* and bullets survive, a `<!channel>` does not.
      return splitIntoMessages([context([`*${post.agent}*`]), ...sectionsFromLines(post.text.split('\n').map(mrkdwnEscape))]).map((blocks, i) =>
        message(i === 0 ? `${post.agent}: ${post.text}` : `${post.agent} (continued)`, blocks),
      );
    case 'delegation':
      // One line per hand-over, in the delegating agent's name; the task is the model's words, escaped.
      return [message(`${post.from} → ${post.to}: ${post.task}`, [section(`${post.from} → *${post.to}*: ${mrkdwnEscape(truncate(post.task.replace(/\s+/g, ' ').trim(), DELEGATION_LINE_MAX))}`)])];
    case 'question':
      return [message(`Question: ${post.text}`, [section(`:question: ${mrkdwnEscape(post.text)}`), context(['Reply in this thread; say `cancel` to stop the run.'])])];
    case 'plan':
      return [planMessage(post, threadTs, needs)];
    case 'decided': {
      const verb = post.decision === 'approved' ? ':white_check_mark: Approved' : ':x: Rejected';
      const reason = post.reason ? `\n> ${mrkdwnEscape(post.reason)}` : '';
      return [
        message(`${planLabel(post.plan)} ${post.decision} by <@${post.by}>`, [
          header(`${planLabel(post.plan)} · ${post.plan.name}`),
          section(`${verb} by <@${post.by}> ${slackDate(post.at)}${reason}`),
          ...campaignOffer(post, threadTs),
        ]),
      ];
    }
    case 'report': {
      // The run's cost closes the report, so the last thing read is what it took.
      const cost = post.cost ? [context([costLine(post.cost)])] : [];
      const text = closingReportText(post);
      return splitIntoMessages([...closingReportBlocks(post), ...cost]).map((blocks) => message(text, blocks));
    }
    case 'artifact': {
      const where = 'url' in post.media ? openLink(post.media.url) : 'uploaded to this thread';
      return [message(`${post.assetId} ${post.name} generated`, [section(`:frame_with_picture: *${mrkdwnEscape(post.name)}* (${post.assetId}) — ${where}`)])];
    }
    case 'provider_problem':
      return [providerProblemMessage(post, threadTs)];
    case 'asset_review':
      return [assetReviewMessage(post.asset, threadTs, needs)];
    case 'asset_decided': {
      const verdict = post.decision === 'approve' ? ':white_check_mark: Approved' : ':leftwards_arrow_with_hook: Sent back to draft';
      const publishers = post.publishers ?? [];
      // "It can be published now" only when it is true: a publish provider is configured in the channel.
      const next =
        post.decision !== 'approve'
          ? ' It needs rework before another review.'
          : publishers.length > 0
            ? ` It can be published now (${publishers.map((label) => mrkdwnEscape(label)).join(', ')}).`
            : ` To publish it, configure a publish provider (${PUBLISH_LABELS}) with \`/ohmymkt provider\`.`;
      const value = JSON.stringify({ threadTs, assetId: post.asset.id } satisfies AssetButtonValue);
      const offer: KnownBlock[] =
        post.decision === 'approve' && publishers.length > 0 ? [{ type: 'actions', block_id: `publish:${post.asset.id}`, elements: [button('Publish', ACTION_IDS.publishAsset, value, 'primary')] }] : [];
      return [
        message(`${post.asset.id} ${post.decision === 'approve' ? 'approved' : 'sent back to draft'} by <@${post.by}>`, [
          header(`${post.asset.id} · ${post.asset.name}`),
          section(`${verdict} by <@${post.by}> ${slackDate(post.at)}.${next}`),
          section(assetLines(post.asset).join('\n')),
          ...offer,
        ]),
      ];
    }
    case 'failed':
      return [
        message(post.message, [
          section(`:warning: ${mrkdwnEscape(post.message)}`),
          {
            type: 'actions',
            block_id: 'failed',
            elements: [...(post.retryable ? [button('Retry', ACTION_IDS.retryRun, threadTs, 'primary')] : []), button('Cancel run', ACTION_IDS.cancelRun, threadTs)],
          },
        ]),
      ];
    case 'campaign': {
      if (post.started) {
        return [notice(`:rocket: *Campaign started* from ${mrkdwnEscape(`${post.planId ?? 'the approved plan'}${post.version ? ` v${post.version}` : ''}`)}. The sprint board is seeded: \`/ohmymkt board\`.`)];
      }
      const reasons = post.reasons.slice(0, 10).map((reason) => `• ${mrkdwnEscape(reason)}`);
      const text = `:no_entry_sign: *The campaign was not started.*\n${reasons.join('\n')}`;
      return [message('The campaign was not started', [...sectionsFromLines(text.split('\n')), context(['Fix what is listed (`/ohmymkt gates` shows each gate), then start it again.'])])];
    }
    case 'publication': {
      const what = `${mrkdwnEscape(post.name)} (${post.assetId})`;
      const where = post.url ? ` — ${openLink(post.url)}` : '';
      const reasons = post.reasons.slice(0, 10).map((reason) => `• ${mrkdwnEscape(reason)}`);
      if (post.published) return [message(`${post.assetId} published to ${post.platform}`, sectionsFromLines([`:mega: <@${post.by}> published *${what}* to ${mrkdwnEscape(post.platform)}${where}`, ...(reasons.length > 0 ? ['*Left out by the platform:*', ...reasons] : [])]))];
      return [message(`${post.assetId} was not published to ${post.platform}`, sectionsFromLines([`:no_entry_sign: *${what} was not published to ${mrkdwnEscape(post.platform)}.*`, ...reasons]))];
    }
    case 'paused':
      return [notice(`:double_vertical_bar: \`${mrkdwnEscape(post.action)}\` did not run: ${mrkdwnEscape(post.reason)}. Guarded work (research, drafting, analysis) continues.`)];
    case 'review_gate':
      return [notice(`:raised_hand: \`${mrkdwnEscape(post.action)}\` needs an approved plan. Reviewing ${post.planId} v${post.version} before it runs.`)];
    case 'cancelled':
      return [notice(`:octagonal_sign: Run cancelled by <@${post.by}>. Nothing further will run in this thread.`)];
    case 'switched_to_ultrawork':
      return [notice(`:zap: <@${post.by}> switched this run to ultrawork.`)];
    case 'provider_fixed':
      return [notice(`:white_check_mark: <@${post.by}> fixed the provider; \`${mrkdwnEscape(post.tool)}\` ran again and succeeded.`)];
    case 'provider_still_failing': {
      const channel = CATEGORY_LABELS[post.category].toLowerCase();
      const incident = post.incidentId ? `; low incident ${post.incidentId} opened` : '';
      return [notice(`:no_entry: \`${mrkdwnEscape(post.tool)}\` still fails after the fix (${mrkdwnEscape(post.why)}). Continuing without the ${channel} channel${incident}.`)];
    }
  }
}
