// Publish on an approved asset's card: a modal to pick one of the channel's configured publish
// providers, then the same publishing path ohmymkt_publish takes (the approved copy and media, the
// pause and review gate, each publication recorded). Allowed to the run's requester, approvers and
// admins; the outcome is said in the run's thread and a post leaves a public audit line.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { permit } from '../../domain/permissions.ts';
import type { ProgramRef } from '../../domain/program.ts';
import { fail, type Fail } from '../../domain/result.ts';
import { PROVIDERS } from '../../domain/providers.ts';
import { parseJson } from '../../json.ts';
import { getAsset } from '../../services/assets.ts';
import { configuredPublishers } from '../../services/providers.ts';
import { publishAsset } from '../../services/publishing.ts';
import { auditLine } from '../blocks/audit.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';
import { handOver } from '../handover.ts';
import { ACTION_IDS, CALLBACK_IDS } from '../ids.ts';
import { pickedPlatform, publishModal, PublishTargetSchema } from '../views/publish-modal.ts';
import { AssetButtonSchema, onButtonOf, tellPrivately } from './actions.ts';
import { postInThread } from './campaign.ts';
import type { ListenerDeps } from './deps.ts';

const PUBLISH_LABELS = PROVIDERS.filter((p) => p.category === 'publish').map((p) => p.label).join(', ');

/** The table's asset.publish: the run's requester and approvers settle it; Slack is asked about admins only then. */
async function mayPublish(deps: ListenerDeps, program: ProgramRef, threadTs: string, userId: string, client: WebClient): Promise<Fail | undefined> {
  const [run, { state }] = await Promise.all([deps.services.repos.runs.get(program, threadTs), deps.services.repos.programs.load(program)]);
  const person = { userId, isAdmin: false, approvers: state.approvers, ...(run ? { requesterId: run.requesterId } : {}) };
  if (permit('asset.publish', person).ok) return undefined;
  const asAdmin = permit('asset.publish', { ...person, isAdmin: await deps.roles.isAdmin(client, userId) });
  return asAdmin.ok ? undefined : asAdmin;
}

export function registerPublish(app: App, deps: ListenerDeps): void {
  onButtonOf(app, deps, ACTION_IDS.publishAsset, async (c, body) => {
    const target = AssetButtonSchema.safeParse(parseJson(c.value));
    if (!target.success) return fail('invalid', 'this button is from an older version of ohmymkt; ask the agents to publish the asset');
    const { threadTs, assetId } = target.data;
    const refused = await mayPublish(deps, c.program, threadTs, c.userId, c.client);
    if (refused) return refused;
    const asset = await getAsset(deps.services, c.program, assetId);
    if (!asset.ok) return asset;
    const done = new Set((asset.value.publications ?? []).map((p) => p.platform));
    const platforms = (await configuredPublishers(deps.services, c.program)).filter((p) => !done.has(p.id));
    if (platforms.length === 0) {
      return done.size > 0
        ? fail('conflict', `${assetId} is already published to every configured platform; configure another (${PUBLISH_LABELS}) with \`/ohmymkt provider\``)
        : fail('invalid', `no publish provider is configured in this channel: configure one (${PUBLISH_LABELS}) with \`/ohmymkt provider\``);
    }
    await c.client.views.open({
      trigger_id: body.trigger_id,
      view: publishModal({ ...c.program, threadTs, assetId }, { name: asset.value.name, copy: asset.value.notes ?? '', media: asset.value.format !== 'text' }, platforms.map((p) => ({ id: p.id, label: p.label }))),
    });
  });

  app.view(CALLBACK_IDS.publishAsset, async ({ ack, body, view, client }) => {
    const platformId = pickedPlatform(view.state.values);
    const target = PublishTargetSchema.safeParse(parseJson(view.private_metadata));
    if (platformId === undefined || !target.success) {
      await ack({ response_action: 'errors', errors: { platform: 'Pick the platform to publish to.' } });
      return;
    }
    await ack();
    const { teamId, channelId, threadTs, assetId } = target.data;
    const program = { teamId, channelId };
    const userId = body.user.id;
    const clicked = { program, userId, value: '', client };
    handOver(deps, body, 'view:publish', async () => {
      const refused = await mayPublish(deps, program, threadTs, userId, client);
      if (refused) return tellPrivately(clicked, threadTs, refused);
      // Checked again at submit: the provider may have been removed while the modal was open.
      const platform = (await configuredPublishers(deps.services, program)).find((p) => p.id === platformId);
      if (!platform) return tellPrivately(clicked, threadTs, fail('invalid', `${platformId} is not configured in this channel any more; configure it with \`/ohmymkt provider\``));
      const outcome = await publishAsset(deps.services, program, { userId, surface: 'action' }, { assetId, platform: platform.id, placement: 'organic' });
      if (!outcome.ok || outcome.value.kind === 'provider_problem') {
        const stored = await getAsset(deps.services, program, assetId);
        const name = stored.ok ? stored.value.name : assetId;
        const value = outcome.ok ? outcome.value : undefined;
        const reasons =
          value?.kind === 'provider_problem' ? [`${platform.label} failed (${value.failure.code}): ${value.failure.message}`] : !outcome.ok ? [outcome.message, ...(outcome.reasons ?? [])] : [];
        await postInThread(clicked, threadTs, { type: 'publication', assetId, name, platform: platform.label, by: userId, published: false, reasons });
        return;
      }
      const name = outcome.value.asset.name;
      const { publication, leftOut } = outcome.value;
      await postInThread(clicked, threadTs, { type: 'publication', assetId, name, platform: platform.label, by: userId, published: true, ...(publication.url ? { url: publication.url } : {}), reasons: leftOut });
      const audit = auditLine(userId, `published ${mrkdwnEscape(`${assetId} ${name}`)} to ${mrkdwnEscape(platform.label)}`);
      await client.chat.postMessage({ channel: channelId, text: audit.text, blocks: audit.blocks });
    });
  });
}
