// Buttons and modals of a run: Approve / Reject (with its reason modal), an asset's Approve / Send
// back, Retry, Cancel and "Run as Ultrawork". Each acks first; a refusal (not an approver, an outdated version, a second
// click) is told privately to the person who clicked and changes nothing.
import type { App, BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import type { Fail, Result } from '../../domain/result.ts';
import { auditLine } from '../blocks/audit.ts';
import { failureMessage } from '../failures.ts';
import { parseJson } from '../../json.ts';
import { handOver } from '../handover.ts';
import { parseClick } from '../payloads.ts';
import { ACTION_IDS, CALLBACK_IDS } from '../ids.ts';
import { rejectModal, rejectReason, RejectTargetSchema } from '../views/reject-modal.ts';
import type { ListenerDeps } from './deps.ts';

export const PlanButtonSchema = z.object({ threadTs: z.string().min(1), planId: z.string().min(1), version: z.number().int().min(1) });
export const AssetButtonSchema = z.object({ threadTs: z.string().min(1), assetId: z.string().min(1) });

export interface Clicked {
  program: ProgramRef;
  userId: string;
  value: string;
  client: WebClient;
}

function clicked(deps: ListenerDeps, body: unknown, client: WebClient, job: string): Clicked | undefined {
  const click = parseClick(body, deps.logger, job);
  if (!click?.teamId || !click.anyChannelId) return undefined;
  return { program: { teamId: click.teamId, channelId: click.anyChannelId }, userId: click.userId, value: click.value ?? '', client };
}

export async function tellPrivately(c: Clicked, threadTs: string | undefined, failure: Fail): Promise<void> {
  const message = failureMessage(failure.message);
  await c.client.chat.postEphemeral({
    channel: c.program.channelId,
    user: c.userId,
    text: message.text,
    blocks: message.blocks,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

function planTarget(value: string): z.infer<typeof PlanButtonSchema> | undefined {
  const parsed = PlanButtonSchema.safeParse(parseJson(value));
  return parsed.success ? parsed.data : undefined;
}

/** A decision takes an item off the App Home of everyone it waited on; their Home failing to refresh changes no decision. */
async function refreshHomes(deps: ListenerDeps, c: Pick<Clicked, 'program' | 'client'>, threadTs: string): Promise<void> {
  await deps.home.afterDecision(c.client, c.program, threadTs).catch((error: unknown) => deps.logger.warn('home_refresh_failed', { channel: c.program.channelId, error }));
}

/** A button: acked first, the work handed over once per delivery, a refusal told privately to the clicker. */
export function onButtonOf(app: App, deps: ListenerDeps, actionId: string, work: (c: Clicked, body: BlockAction) => Promise<Result<unknown> | void>): void {
  app.action<BlockAction>(actionId, async ({ ack, body, client }) => {
    await ack();
    const c = clicked(deps, body, client, `action:${actionId}`);
    if (!c) return;
    handOver(deps, body, `action:${actionId}`, async () => {
      const result = await work(c, body);
      if (result && !result.ok) await tellPrivately(c, body.message?.thread_ts ?? body.message?.ts, result);
    });
  });
}

export function registerActions(app: App, deps: ListenerDeps): void {
  const onButton = (actionId: string, work: (c: Clicked, body: BlockAction) => Promise<Result<unknown> | void>) => onButtonOf(app, deps, actionId, work);

  onButton(ACTION_IDS.approvePlan, async (c) => {
    const target = planTarget(c.value);
    if (!target) return { ok: false, code: 'invalid', message: 'this button is from an older version of ohmymkt; ask for a new plan' };
    const approved = await deps.runs.approve(c.program, target.threadTs, { userId: c.userId, surface: 'action' }, { id: target.planId, version: target.version });
    if (approved.ok) await refreshHomes(deps, c, target.threadTs);
    return approved;
  });

  onButton(ACTION_IDS.rejectPlan, async (c, body) => {
    const target = planTarget(c.value);
    if (!target) return { ok: false, code: 'invalid', message: 'this button is from an older version of ohmymkt; ask for a new plan' };
    const decidable = await deps.runs.decidable(c.program, target.threadTs, c.userId, { id: target.planId, version: target.version });
    if (!decidable.ok) return decidable;
    await c.client.views.open({
      trigger_id: body.trigger_id,
      view: rejectModal({ ...c.program, threadTs: target.threadTs, planId: target.planId, version: target.version }, decidable.value.planName),
    });
  });

  for (const [actionId, decision] of [[ACTION_IDS.approveAsset, 'approve'], [ACTION_IDS.sendBackAsset, 'send_back']] as const) {
    onButton(actionId, async (c, body) => {
      const target = AssetButtonSchema.safeParse(parseJson(c.value));
      const messageTs = body.message?.ts;
      if (!target.success || !messageTs) return { ok: false, code: 'invalid', message: 'this button is from an older version of ohmymkt; ask the agents to put the asset up for review again' };
      const decided = await deps.runs.decideAsset(c.program, target.data.threadTs, { userId: c.userId, surface: 'action' }, { assetId: target.data.assetId, messageTs }, decision);
      if (decided.ok) await refreshHomes(deps, c, target.data.threadTs);
      return decided;
    });
  }

  onButton(ACTION_IDS.retryRun, async (c) => {
    const retried = await deps.runs.retry(c.program, c.value, c.userId);
    if (!retried.ok) return retried;
    // Cancel, decisions and the ultrawork switch say who in the thread already; a retry says it here.
    const audit = auditLine(c.userId, 'retried this run');
    await c.client.chat.postMessage({ channel: c.program.channelId, thread_ts: c.value, text: audit.text, blocks: audit.blocks });
    return retried;
  });
  onButton(ACTION_IDS.cancelRun, (c) => deps.runs.cancel(c.program, c.value, c.userId));
  onButton(ACTION_IDS.runAsUltrawork, (c) => deps.runs.runAsUltrawork(c.program, c.value, c.userId));

  app.view(CALLBACK_IDS.rejectReason, async ({ ack, body, view, client }) => {
    const reason = rejectReason(view.state.values);
    if (reason === undefined) {
      await ack({ response_action: 'errors', errors: { reason: 'Say in a few words why, so the analyst can revise the plan.' } });
      return;
    }
    await ack();
    const target = RejectTargetSchema.safeParse(parseJson(view.private_metadata));
    if (!target.success) return;
    const { teamId, channelId, threadTs, planId, version } = target.data;
    handOver(deps, body, 'view:reject', async () => {
      const result = await deps.runs.reject({ teamId, channelId }, threadTs, { userId: body.user.id, surface: 'action' }, { id: planId, version }, reason);
      if (result.ok) await refreshHomes(deps, { program: { teamId, channelId }, client }, threadTs);
      if (!result.ok) {
        await tellPrivately({ program: { teamId, channelId }, userId: body.user.id, value: '', client }, threadTs, result);
      }
    });
  });
}
