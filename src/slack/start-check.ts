// What a failed first call to Slack at start (Bolt's auth.test of the bot token) means to the person
// starting the app: a token Slack refuses is a configuration problem (exit 2, which variable, why, where to
// get a new one); a Slack that cannot be reached names the host and where to look.
import { ConfigError } from '../config.ts';

// auth.test's token errors (https://docs.slack.dev/reference/methods/auth.test), each with what it means.
const TOKEN_REFUSALS: Record<string, string> = {
  invalid_auth: 'Slack does not recognise it (a typo, or a token of another app or workspace)',
  not_authed: 'no token reached Slack',
  token_revoked: 'it was revoked (the app was uninstalled or its tokens regenerated)',
  token_expired: 'it expired (token rotation is on for this app)',
  account_inactive: 'the workspace or the app it belongs to was deactivated',
};

const WHERE_TO_GET_A_TOKEN =
  'copy the "Bot User OAuth Token" (xoxb-…) from your Slack app\'s settings (api.slack.com/apps → your app → ' +
  'OAuth & Permissions); if none is shown, install the app to the workspace there first';

/** The host the app's WebClient talks to: SLACK_API_URL's when set, else Slack's. */
export function slackHost(apiUrl: string | undefined): string {
  if (!apiUrl) return 'slack.com';
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl;
  }
}

/** Slack's error code from a WebClient error, by its `code` (Bolt may bundle its own copy of @slack/web-api). */
const codeOf = (error: unknown): string | undefined => (error as { code?: unknown } | null)?.code as string | undefined;

function causeOf(error: unknown): string {
  let cause: unknown = (error as { original?: unknown }).original ?? error;
  // fetch wraps the socket's error ("fetch failed" ← ECONNREFUSED); the innermost says what happened.
  while ((cause as { cause?: unknown } | null)?.cause) cause = (cause as { cause: unknown }).cause;
  const code = (cause as { code?: unknown }).code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * The error to stop the start with when Bolt's first call to Slack failed: a ConfigError (exit 2) for a
 * refused bot token, a plain Error naming the host for an unreachable Slack, or the error as it was.
 */
export function explainSlackStartFailure(error: unknown, apiUrl: string | undefined): unknown {
  const host = slackHost(apiUrl);
  const code = codeOf(error);
  if (code === 'slack_webapi_platform_error') {
    const slackError = String((error as { data?: { error?: unknown } }).data?.error ?? '');
    const why = TOKEN_REFUSALS[slackError];
    if (why) return new ConfigError([`SLACK_BOT_TOKEN was refused by Slack (${slackError}): ${why}; ${WHERE_TO_GET_A_TOKEN}`]);
  }
  if (code === 'slack_webapi_request_error') {
    const via = apiUrl ? ` (SLACK_API_URL=${apiUrl})` : '';
    return new Error(
      `Slack could not be reached at ${host}${via}: ${causeOf(error)}. Check this machine's network and any proxy ` +
        `(HTTPS_PROXY) between it and ${host}${apiUrl ? ', and that SLACK_API_URL is right' : ''}.`,
    );
  }
  if (code === 'slack_webapi_http_error') {
    const status = (error as { statusCode?: unknown }).statusCode;
    return new Error(
      `Slack at ${host} answered HTTP ${String(status)} to the bot token check: Slack or a proxy in between is failing. ` +
        'Check https://slack-status.com and any proxy (HTTPS_PROXY), then start again.',
    );
  }
  return error;
}
