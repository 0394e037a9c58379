// The OAuth side of the fake Slack: the consent screen a person approves (approve), the code exchange
// (oauth.v2.access), the tokens it issues with their workspace, organization and scopes (auth.test answers
// per token), revocation, and which workspace owns a channel, so a call with another workspace's token is
// refused as real Slack refuses it (channel_not_found).
import { randomBytes } from 'node:crypto';
import type { Args, Result } from './fake-slack-methods.ts';

/** Who approves an install on Slack's consent screen. */
export interface InstallingTeam {
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** An org-wide install by an Enterprise Grid admin: the token serves every workspace of the organization. */
  orgWide?: boolean;
  userId?: string;
}

export interface IssuedToken {
  token: string;
  teamId: string | null;
  teamName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botId: string;
  scopes: string[];
  revoked: boolean;
}

interface PendingCode {
  clientId: string;
  scopes: string[];
  team: InstallingTeam;
  redirectUri: string | undefined;
  issuedAt: number;
  used: boolean;
}

const AUTHORIZE_URL = 'https://slack.com/oauth/v2/authorize';
// "The code expires after ten minutes" and can be exchanged once (https://docs.slack.dev/authentication/installing-with-oauth).
const CODE_LIFETIME_MS = 10 * 60 * 1000;

const fail = (error: string): Result => ({ ok: false, error });
const suffix = (id: string) => id.replace(/^[A-Z]0?/, '').slice(0, 8).toUpperCase();

export class FakeOAuth {
  private readonly apps = new Map<string, { clientSecret: string; appId: string }>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly channels = new Map<string, { teamId: string; enterpriseId: string | undefined }>();

  /** The app as registered at api.slack.com (its Client ID and Client Secret). */
  registerApp(clientId: string, clientSecret: string, appId = 'A0OHMYMKT'): void {
    this.apps.set(clientId, { clientSecret, appId });
  }

  /** Says which workspace (and organization) a channel belongs to; calls about it need that workspace's token. */
  bindChannel(channel: string, teamId: string, enterpriseId?: string): void {
    this.channels.set(channel, { teamId, enterpriseId });
  }

  /**
   * A person signed in to `team` opens the authorize URL the app sent them to and clicks Allow: Slack checks the
   * client id and sends the browser back with a one-time code and the state, unchanged.
   */
  approve(authorizeUrl: string, team: InstallingTeam): { code: string; state: string | null; redirectUri: string | undefined } {
    const url = new URL(authorizeUrl);
    if (`${url.origin}${url.pathname}` !== AUTHORIZE_URL) throw new Error(`fake Slack: ${authorizeUrl} is not Slack's authorize URL`);
    const clientId = url.searchParams.get('client_id') ?? '';
    if (!this.apps.has(clientId)) throw new Error(`fake Slack: invalid_client_id ${clientId} on the consent screen`);
    const scopes = (url.searchParams.get('scope') ?? '').split(',').filter(Boolean);
    if (scopes.length === 0) throw new Error('fake Slack: invalid_scope (the authorize URL asks for no scope)');
    if (team.orgWide ? !team.enterpriseId : !team.teamId) throw new Error('fake Slack: an install needs a workspace, or an organization when org-wide');
    const code = `${Date.now()}.${randomBytes(12).toString('hex')}`;
    const redirectUri = url.searchParams.get('redirect_uri') ?? undefined;
    this.codes.set(code, { clientId, scopes, team, redirectUri, issuedAt: Date.now(), used: false });
    return { code, state: url.searchParams.get('state'), redirectUri };
  }

  /**
   * oauth.v2.access (https://docs.slack.dev/reference/methods/oauth.v2.access): client authentication by HTTP Basic
   * or client_id/client_secret fields; errors invalid_client_id, bad_client_secret, invalid_code (unknown, used or
   * expired), bad_redirect_uri (must equal the one sent to authorize), invalid_grant_type.
   */
  exchange(args: Args, basic: { id: string; secret: string } | undefined): Result {
    const clientId = basic?.id ?? (typeof args['client_id'] === 'string' ? args['client_id'] : '');
    const clientSecret = basic?.secret ?? (typeof args['client_secret'] === 'string' ? args['client_secret'] : '');
    const app = this.apps.get(clientId);
    if (!app) return fail('invalid_client_id');
    if (app.clientSecret !== clientSecret) return fail('bad_client_secret');
    const grant = args['grant_type'] ?? 'authorization_code';
    if (grant !== 'authorization_code') return fail('invalid_grant_type');
    const pending = this.codes.get(String(args['code'] ?? ''));
    if (!pending || pending.used || pending.clientId !== clientId || Date.now() - pending.issuedAt > CODE_LIFETIME_MS) return fail('invalid_code');
    if (pending.redirectUri !== undefined && args['redirect_uri'] !== pending.redirectUri) return fail('bad_redirect_uri');
    pending.used = true;
    const { team } = pending;
    const orgWide = team.orgWide === true;
    const owner = (orgWide ? team.enterpriseId : team.teamId) as string;
    const issued: IssuedToken = {
      token: `xoxb-${suffix(owner)}-${randomBytes(10).toString('hex')}`,
      teamId: orgWide ? null : (team.teamId ?? null),
      teamName: orgWide ? null : (team.teamName ?? `Team ${team.teamId}`),
      enterpriseId: team.enterpriseId ?? null,
      enterpriseName: team.enterpriseId ? (team.enterpriseName ?? `Org ${team.enterpriseId}`) : null,
      isEnterpriseInstall: orgWide,
      botUserId: `U0BOT${suffix(owner)}`,
      botId: `B0BOT${suffix(owner)}`,
      scopes: pending.scopes,
      revoked: false,
    };
    this.tokens.set(issued.token, issued);
    return {
      ok: true,
      access_token: issued.token,
      token_type: 'bot',
      scope: issued.scopes.join(','),
      bot_user_id: issued.botUserId,
      app_id: app.appId,
      team: issued.teamId ? { id: issued.teamId, name: issued.teamName } : null,
      enterprise: issued.enterpriseId ? { id: issued.enterpriseId, name: issued.enterpriseName } : null,
      authed_user: { id: team.userId ?? 'U0INSTALLR' },
      is_enterprise_install: orgWide,
    };
  }

  /** Tokens issued by the exchange, newest last (tests read which one a workspace got). */
  issued(): IssuedToken[] {
    return [...this.tokens.values()];
  }

  knows(token: string | undefined): boolean {
    return token !== undefined && this.tokens.has(token);
  }

  /** The workspace (or organization) uninstalls the app: every token issued to it stops working. */
  revoke(teamOrEnterpriseId: string): void {
    for (const issued of this.tokens.values()) {
      if ((issued.isEnterpriseInstall ? issued.enterpriseId : issued.teamId) === teamOrEnterpriseId) issued.revoked = true;
    }
  }

  /** Slack's refusal of this issued token for these arguments, or undefined (also for tokens not issued here). */
  refusal(token: string | undefined, args: Args): Result | undefined {
    const issued = token === undefined ? undefined : this.tokens.get(token);
    if (!issued) return undefined;
    if (issued.revoked) return fail('token_revoked');
    const channel = [args['channel'], args['channel_id']].find((value): value is string => typeof value === 'string');
    const owner = channel === undefined ? undefined : this.channels.get(channel);
    if (!owner) return undefined;
    const allowed = issued.isEnterpriseInstall ? owner.enterpriseId === issued.enterpriseId : owner.teamId === issued.teamId;
    return allowed ? undefined : fail('channel_not_found');
  }

  /** The scopes an issued token was granted, or undefined for a token not issued here. */
  scopesOf(token: string | undefined): Set<string> | undefined {
    const issued = token === undefined ? undefined : this.tokens.get(token);
    return issued && new Set(issued.scopes);
  }

  /** auth.test for an issued token (https://docs.slack.dev/reference/methods/auth.test). */
  authTest(token: string, origin: string): Result {
    const issued = this.tokens.get(token) as IssuedToken;
    return {
      ok: true,
      url: `${origin}/`,
      team: issued.teamName ?? issued.enterpriseName,
      user: 'ohmymkt',
      team_id: issued.teamId ?? issued.enterpriseId,
      user_id: issued.botUserId,
      bot_id: issued.botId,
      ...(issued.enterpriseId ? { enterprise_id: issued.enterpriseId } : {}),
      is_enterprise_install: issued.isEnterpriseInstall,
    };
  }

  /** The channel's owning workspace, when bound. */
  ownerOf(channel: string): { teamId: string; enterpriseId: string | undefined } | undefined {
    return this.channels.get(channel);
  }

  /** The issued token a call carried, when it is one. */
  tokenInfo(token: string | undefined): IssuedToken | undefined {
    return token === undefined ? undefined : this.tokens.get(token);
  }

  reset(): void {
    this.codes.clear();
    this.tokens.clear();
    this.channels.clear();
  }
}

/** client_id:client_secret from an HTTP Basic Authorization header, as oauth.v2.access accepts them. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
