// OAuth mode: a workspace (or organization) removing the app, or revoking its bot token, removes its stored
// installation. From then on its events are refused by authorize and the scheduler skips its programs.
// Bolt delivers these two events without authorizing them (the token is already gone).
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../logging.ts';
import type { JobRunner } from '../jobs.ts';
import type { InstallSource, SlackInstallations } from '../oauth/installations.ts';

const Envelope = z.object({
  team_id: z.string().min(1).optional(),
  enterprise_id: z.string().min(1).nullish(),
  authorizations: z
    .array(z.object({ team_id: z.string().nullish(), enterprise_id: z.string().nullish(), is_enterprise_install: z.boolean().optional() }))
    .optional(),
});

const RevokedTokens = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }) });

/** Whose installation the envelope speaks for; undefined when it names no workspace or organization. */
export function installSourceOf(body: unknown): InstallSource | undefined {
  const parsed = Envelope.safeParse(body);
  if (!parsed.success) return undefined;
  const authorization = parsed.data.authorizations?.[0];
  const teamId = authorization?.team_id ?? parsed.data.team_id;
  const enterpriseId = authorization?.enterprise_id ?? parsed.data.enterprise_id ?? undefined;
  if (!teamId && !enterpriseId) return undefined;
  return { teamId: teamId ?? undefined, enterpriseId, isEnterpriseInstall: authorization?.is_enterprise_install === true };
}

export function registerUninstall(app: App, deps: { installations: SlackInstallations; logger: Logger; jobs: JobRunner }): void {
  app.event('app_uninstalled', async ({ body }) => {
    const source = installSourceOf(body);
    if (!source) return deps.logger.warn('uninstall_unattributed', { event: 'app_uninstalled' });
    // Removing it is idempotent, so a redelivered event needs no dedupe.
    deps.jobs.run('app_uninstalled', async () => void (await deps.installations.uninstall(source, 'app_uninstalled')));
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    const source = installSourceOf(body);
    const revoked = RevokedTokens.safeParse(event);
    if (!source || !revoked.success) return deps.logger.warn('uninstall_unattributed', { event: 'tokens_revoked' });
    // Only user tokens revoked: the bot keeps working, and ohmymkt stores no user token.
    const bots = revoked.data.tokens.bot ?? [];
    if (bots.length > 0) deps.jobs.run('tokens_revoked', async () => void (await deps.installations.revokeBots(source, bots)));
  });
}
