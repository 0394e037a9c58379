// Start campaign on an approved plan's card: the same campaign service ohmymkt_start_campaign uses
// (gates, review gate and pause enforced there), allowed to approvers and admins; the outcome is said
// in the run's thread (started, or refused with the reasons) and a start leaves a public audit line.
import type { App } from '@slack/bolt';
import { startCampaign } from '../../services/campaign.ts';
import type { ThreadPost } from '../../runs/ports.ts';
import { parseJson } from '../../json.ts';
import { authorize } from '../authorize.ts';
import { auditLine } from '../blocks/audit.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';
import { ACTION_IDS } from '../ids.ts';
import { threadMessages } from '../runs/blocks.ts';
import { onButtonOf, PlanButtonSchema, type Clicked } from './actions.ts';
import type { ListenerDeps } from './deps.ts';

/** Posts a run-style outcome into a thread, phrased and escaped by the same renderer the run uses. */
export async function postInThread(c: Clicked, threadTs: string, post: ThreadPost): Promise<void> {
  for (const message of threadMessages(post, threadTs)) {
    await c.client.chat.postMessage({ channel: c.program.channelId, thread_ts: threadTs, text: message.text, blocks: message.blocks });
  }
}

export function registerCampaignButton(app: App, deps: ListenerDeps): void {
  onButtonOf(app, deps, ACTION_IDS.startCampaign, async (c) => {
    const target = PlanButtonSchema.safeParse(parseJson(c.value));
    if (!target.success) return { ok: false, code: 'invalid', message: 'this button is from an older version of ohmymkt; ask for the campaign to be started in the thread' };
    const refused = await authorize({ services: deps.services, program: c.program, userId: c.userId, role: async () => ({ isAdmin: await deps.roles.isAdmin(c.client, c.userId) }) }, 'campaign.start');
    if (refused) return refused;
    const { threadTs, planId } = target.data;
    const started = await startCampaign(deps.services, c.program, { userId: c.userId, surface: 'action' }, planId);
    await postInThread(
      c,
      threadTs,
      started.ok
        ? { type: 'campaign', started: true, planId: started.value.planId, version: started.value.planVersion, reasons: [] }
        : { type: 'campaign', started: false, reasons: [started.message, ...(started.reasons ?? [])] },
    );
    if (!started.ok) return;
    const audit = auditLine(c.userId, `started the campaign of ${mrkdwnEscape(`${started.value.planId} v${started.value.planVersion}`)}`);
    await c.client.chat.postMessage({ channel: c.program.channelId, text: audit.text, blocks: audit.blocks });
  });
}
