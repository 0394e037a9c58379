// Bolt's InstallationStore over our store: Bolt's installer saves what oauth.v2.access returned, and its
// authorize() fetches it for every event, command and click, so each listener's client carries the token of
// the workspace (or organization) the request came from. Jobs outside a request ask botTokenForTeam.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../logging.ts';
import { openSecret, sealSecret, SecretUnreadable } from '../../providers/secrets.ts';
import {
  installationId,
  keyOf,
  type InstallationKey,
  type Installations,
  type StoredInstallation,
} from '../../store/repos/installations.ts';

/** No installation serves this workspace: never installed, uninstalled, or its token revoked. */
export class NotInstalled extends Error {
  readonly code = 'slack_not_installed';
  constructor(readonly where: string) {
    super(`ohmymkt is not installed in Slack ${where} (never installed, uninstalled, or its token revoked); install it again from /slack/install`);
    this.name = 'NotInstalled';
  }
}

/** The stored token cannot be opened with this OHMYMKT_SECRET_KEY. */
export class InstallationUnreadable extends Error {
  readonly code = 'slack_installation_unreadable';
  constructor(where: string) {
    super(
      `The stored bot token of Slack ${where} cannot be decrypted: OHMYMKT_SECRET_KEY differs from the key it was ` +
        'installed with, or the record was altered. Restore that key, or install ohmymkt again from /slack/install',
    );
    this.name = 'InstallationUnreadable';
  }
}

const describeKey = (key: InstallationKey) => (key.kind === 'team' ? `workspace ${key.teamId}` : `organization ${key.enterpriseId}`);

// scrypt makes opening a token cost tens of milliseconds; the same sealed value always opens to the same token.
const MAX_OPENED = 10_000;

export interface InstallationsDeps {
  repo: Installations;
  secretKey: string;
  clock: Clock;
  logger: Logger;
}

/** Who a request or a job belongs to, as Bolt's authorize source and the Events API envelope say. */
export interface InstallSource {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
}

export class SlackInstallations implements InstallationStore {
  private readonly opened = new Map<string, string>();
  private readonly linked = new Set<string>();

  constructor(private readonly deps: InstallationsDeps) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const bot = installation.bot;
    // The manifest asks only for bot scopes, so an install without a bot token is not one this app can use.
    if (!bot) throw new Error('Slack returned no bot token for this install; install from /slack/install, which asks for the bot scopes');
    const stored = {
      teamId: installation.team?.id ?? null,
      teamName: installation.team?.name ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      enterpriseName: installation.enterprise?.name ?? null,
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      appId: installation.appId ?? null,
      botId: bot.id || null,
      botUserId: bot.userId,
      scopes: [...bot.scopes],
      installerUserId: installation.user?.id ?? null,
      installedAt: this.deps.clock.now(),
    };
    const key = keyOf(stored);
    const botToken = await sealSecret(this.deps.secretKey, bot.token, installationId(key));
    await this.deps.repo.save({ ...stored, botToken });
    this.deps.logger.info('slack_installed', { team: stored.teamId, enterprise: stored.enterpriseId, orgWide: stored.isEnterpriseInstall, scopes: stored.scopes.length, by: stored.installerUserId });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const source = { teamId: query.teamId, enterpriseId: query.enterpriseId, isEnterpriseInstall: query.isEnterpriseInstall };
    const found = await this.find(source);
    if (!found) throw new NotInstalled(sourceText(source));
    return toBolt(found.stored, await this.open(found.key, found.stored));
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.uninstall({ teamId: query.teamId, enterpriseId: query.enterpriseId, isEnterpriseInstall: query.isEnterpriseInstall }, 'deleted');
  }

  /** Removes what serves `source` (app_uninstalled); its scheduled jobs stop as they find no installation. */
  async uninstall(source: InstallSource, reason: string): Promise<boolean> {
    // Exactly the installation the event names: a workspace leaving never removes its organization's install.
    const found = await this.exact(source);
    if (!found) return false;
    const removed = await this.deps.repo.remove(found.key);
    this.linked.clear();
    this.deps.logger.info('slack_uninstalled', { installation: installationId(found.key), reason });
    return removed;
  }

  /** tokens_revoked: removes the installation when its bot user is among the revoked bot tokens. */
  async revokeBots(source: InstallSource, botUserIds: readonly string[]): Promise<boolean> {
    const found = await this.exact(source);
    if (!found || !botUserIds.includes(found.stored.botUserId)) return false;
    return this.uninstall(source, 'tokens_revoked');
  }

  /** The bot token for work in `teamId` outside any request (a run's thread, a scheduled report). */
  async botTokenForTeam(teamId: string): Promise<string> {
    const found = await this.findForTeam(teamId);
    if (!found) throw new NotInstalled(`workspace ${teamId}`);
    return this.open(found.key, found.stored);
  }

  async isInstalled(teamId: string): Promise<boolean> {
    return (await this.findForTeam(teamId)) !== undefined;
  }

  private async findForTeam(teamId: string): Promise<{ key: InstallationKey; stored: StoredInstallation } | undefined> {
    const own = await this.get({ kind: 'team', teamId });
    if (own) return own;
    const enterpriseId = await this.deps.repo.enterpriseOf(teamId);
    return enterpriseId ? this.get({ kind: 'enterprise', enterpriseId }) : undefined;
  }

  private async exact(source: InstallSource): Promise<{ key: InstallationKey; stored: StoredInstallation } | undefined> {
    if (source.isEnterpriseInstall) return source.enterpriseId ? this.get({ kind: 'enterprise', enterpriseId: source.enterpriseId }) : undefined;
    return source.teamId ? this.get({ kind: 'team', teamId: source.teamId }) : undefined;
  }

  private async find(source: InstallSource): Promise<{ key: InstallationKey; stored: StoredInstallation } | undefined> {
    const { teamId, enterpriseId } = source;
    const found = await this.exact(source);
    // A workspace of an organization that installed org-wide, in a payload that did not flag it as such.
    const org = found ?? (!source.isEnterpriseInstall && enterpriseId ? await this.get({ kind: 'enterprise', enterpriseId }) : undefined);
    // Remembered so that work started in this workspace later (outside any request) finds the org's token.
    if (org?.key.kind === 'enterprise' && teamId) await this.link(teamId, org.key.enterpriseId);
    return org;
  }

  private async get(key: InstallationKey): Promise<{ key: InstallationKey; stored: StoredInstallation } | undefined> {
    const stored = await this.deps.repo.get(key);
    return stored && { key, stored };
  }

  private async link(teamId: string, enterpriseId: string): Promise<void> {
    const id = `${teamId}:${enterpriseId}`;
    if (this.linked.has(id)) return;
    await this.deps.repo.linkTeam(teamId, enterpriseId, this.deps.clock.now());
    this.linked.add(id);
  }

  private async open(key: InstallationKey, stored: StoredInstallation): Promise<string> {
    const id = installationId(key);
    const cacheKey = `${id}|${stored.botToken.salt}|${stored.botToken.data}`;
    const known = this.opened.get(cacheKey);
    if (known !== undefined) return known;
    try {
      const token = await openSecret(this.deps.secretKey, stored.botToken, id);
      if (this.opened.size >= MAX_OPENED) this.opened.clear();
      this.opened.set(cacheKey, token);
      return token;
    } catch (error) {
      if (error instanceof SecretUnreadable) throw new InstallationUnreadable(describeKey(key));
      throw error;
    }
  }
}

function sourceText(source: InstallSource): string {
  if (source.isEnterpriseInstall && source.enterpriseId) return `organization ${source.enterpriseId}`;
  return source.teamId ? `workspace ${source.teamId}` : `organization ${source.enterpriseId ?? '(unknown)'}`;
}

/** What Bolt's authorize reads: the bot token, its ids and scopes, and who the installation is for. */
function toBolt(stored: StoredInstallation, token: string): Installation {
  return {
    team: stored.teamId ? { id: stored.teamId, ...(stored.teamName ? { name: stored.teamName } : {}) } : undefined,
    enterprise: stored.enterpriseId ? { id: stored.enterpriseId, ...(stored.enterpriseName ? { name: stored.enterpriseName } : {}) } : undefined,
    user: { token: undefined, scopes: undefined, id: stored.installerUserId ?? '' },
    bot: { token, scopes: stored.scopes, id: stored.botId ?? '', userId: stored.botUserId },
    isEnterpriseInstall: stored.isEnterpriseInstall,
    authVersion: 'v2',
    tokenType: 'bot',
    ...(stored.appId ? { appId: stored.appId } : {}),
  } as Installation;
}
