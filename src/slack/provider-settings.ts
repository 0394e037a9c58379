// Provider settings on Slack: the `/ohmymkt provider` list, the per-provider form it (or a run's
// Configure button) opens, and the form's submit — which retries a run's failed call once.
import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import { ProgramRefSchema, type ProgramRef } from '../domain/program.ts';
import { ok } from '../domain/result.ts';
import { authorize } from './authorize.ts';
import { auditLine } from './blocks/audit.ts';
import { mrkdwnEscape } from './blocks/limits.ts';
import type { RoleLookup } from './roles.ts';
import { isProviderId, PROVIDER_FIELDS } from '../providers/catalog.ts';
import type { ProviderRunbook } from '../runs/provider-runbook.ts';
import { listProviderConfigs, readProviderConfig } from '../services/providers.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { failureMessage } from './failures.ts';
import { parseJson } from '../json.ts';
import { handOver, type HandoverDeps } from './handover.ts';
import { parseClick, type Click } from './payloads.ts';
import { ACTION_IDS, CALLBACK_IDS } from './ids.ts';
import type { ProviderSettings } from './listeners/deps.ts';
import { submitProviderConfig } from './provider-config-submit.ts';
import { fieldBlockId, parseProviderConfigSubmission, providerConfigModal } from './views/provider-config-modal.ts';
import { providerModal } from './views/provider-modal.ts';

const ButtonValueSchema = z.object({ provider: z.string(), threadTs: z.string().optional(), issue: z.number().int().min(0).optional() });

export function providerSettings(services: ServiceDeps, roles: RoleLookup): ProviderSettings {
  return {
    async openModal({ program, actor, triggerId, client }) {
      const refused = await authorize({ services, program, userId: actor.userId, role: async () => ({ isAdmin: await roles.isAdmin(client, actor.userId) }) }, 'provider.settings');
      if (refused) return refused;
      const summaries = await listProviderConfigs(services, program);
      await client.views.open({ trigger_id: triggerId, view: providerModal(summaries, JSON.stringify(program)) });
      return ok(undefined);
    },
  };
}

/** Provider settings decide where secrets go: approvers and admins only, at every door (button, list, submit). */
function mayConfigure(deps: { services: ServiceDeps; roles: RoleLookup }, client: WebClient, program: ProgramRef, userId: string) {
  return authorize({ services: deps.services, program, userId, role: async () => ({ isAdmin: await deps.roles.isAdmin(client, userId) }) }, 'provider.settings');
}

async function tellPrivately(client: WebClient, program: ProgramRef, userId: string, text: string, threadTs?: string): Promise<void> {
  const message = failureMessage(text);
  await client.chat.postEphemeral({ channel: program.channelId, user: userId, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}) });
}

function programOf(body: BlockAction, click: Click): ProgramRef | undefined {
  // From the list modal the channel rides in its metadata; from a run's message, in the payload.
  const fromView = ProgramRefSchema.safeParse(parseJson(body.view?.private_metadata ?? ''));
  if (fromView.success) return fromView.data;
  const { teamId, channelId } = click;
  return teamId && channelId ? { teamId, channelId } : undefined;
}

export function registerProviderSettings(app: App, deps: HandoverDeps & { services: ServiceDeps; runbook: ProviderRunbook; roles: RoleLookup }): void {
  app.action<BlockAction>(new RegExp(`^${ACTION_IDS.configureProvider}`), async ({ ack, body, client }) => {
    await ack();
    const click = parseClick(body, deps.logger, 'action:configure-provider');
    if (!click) return;
    const value = ButtonValueSchema.safeParse(parseJson(click.value ?? ''));
    const program = programOf(body, click);
    if (!value.success || !program || !isProviderId(value.data.provider)) return;
    const { provider, threadTs, issue } = value.data;
    // The trigger id expires in three seconds: read the masked settings and open at once.
    handOver(deps, body, 'action:configure-provider', async () => {
      const refused = await mayConfigure(deps, client, program, click.userId);
      if (refused) {
        await tellPrivately(client, program, click.userId, refused.message, body.view ? undefined : (body.message?.thread_ts ?? threadTs));
        return;
      }
      const summary = await readProviderConfig(deps.services, program, provider);
      if (!summary.ok) return;
      const resume = threadTs !== undefined && issue !== undefined ? { threadTs, issue: String(issue) } : undefined;
      const view = providerConfigModal(summary.value, { program, providerId: provider, ...(resume ? { resume } : {}) });
      if (body.view) await client.views.push({ trigger_id: body.trigger_id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    });
  });

  app.view(CALLBACK_IDS.providerConfig, async ({ ack, body, view, client }) => {
    // Validation answers inside the ack (inline field errors); the retry runs after it. The permission is
    // checked again here: a modal's metadata names the channel, and only the table says who may write there.
    const target = parseProviderConfigSubmission(view);
    const refused = target.ok ? await mayConfigure(deps, client, target.value.program, body.user.id) : undefined;
    if (target.ok && refused) {
      const first = PROVIDER_FIELDS[target.value.providerId][0]?.name ?? 'unknown';
      await ack({ response_action: 'errors', errors: { [fieldBlockId(first)]: `${refused.message}.` } });
      return;
    }
    const outcome = await submitProviderConfig(deps.services, view, body.user.id);
    await ack(outcome.ack);
    const saved = outcome.saved;
    if (!saved) return;
    const { program, resume } = saved;
    handOver(deps, body, 'view:provider-config', async () => {
      const confirmation = `:white_check_mark: ${saved.summary.label} is configured for this channel (secrets stored encrypted, shown only masked).`;
      const audit = auditLine(body.user.id, `changed the ${mrkdwnEscape(saved.summary.label)} provider settings`);
      await client.chat.postMessage({ channel: program.channelId, text: audit.text, blocks: audit.blocks });
      await client.chat.postEphemeral({ channel: program.channelId, user: body.user.id, text: confirmation, ...(resume?.['threadTs'] ? { thread_ts: resume['threadTs'] } : {}) });
      const threadTs = resume?.['threadTs'];
      const issue = Number(resume?.['issue']);
      if (threadTs === undefined || !Number.isInteger(issue)) return;
      const retried = await deps.runbook.retry(program, threadTs, issue, body.user.id);
      if (!retried.ok) {
        const refusal = failureMessage(retried.message);
        await client.chat.postEphemeral({ channel: program.channelId, user: body.user.id, thread_ts: threadTs, text: refusal.text, blocks: refusal.blocks });
      }
    });
  });
}
