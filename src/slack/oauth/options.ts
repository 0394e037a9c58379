// What Bolt's built-in installer is given in OAuth mode: the app's credentials, the bot scopes manifest.yml
// declares (test/manifest.test.ts holds the two lists equal), and our installation store.
import type { InstallationStore } from '@slack/bolt';
import type { OAuthConfig } from '../../config.ts';

/** manifest.yml's oauth_config.scopes.bot: what an install asks each workspace for. */
export const BOT_SCOPES: readonly string[] = [
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'channels:read',
  'groups:read',
  'chat:write',
  'chat:write.customize',
  'commands',
  'files:write',
  'reactions:write',
  'users:read',
];

/** Bolt's defaults, named here because the README and the manifest's redirect URL point at them. */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface InstallerSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: string[];
  installationStore: InstallationStore;
  installerOptions: {
    installPath: string;
    redirectUriPath: string;
    // Straight to Slack's consent screen: the install link is the "Add to Slack" button itself.
    directInstall: boolean;
    /** The installer's own WebClient (oauth.v2.access, auth.test) must reach the same Slack API as the app's. */
    clientOptions: { slackApiUrl?: string };
  };
}

export function installerSettings(oauth: OAuthConfig, installationStore: InstallationStore, apiUrl: string | undefined): InstallerSettings {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      clientOptions: apiUrl ? { slackApiUrl: apiUrl } : {},
    },
  };
}
