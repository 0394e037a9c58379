// The one line a person reads when `npm start` is up, beside the JSON log line: how Slack reaches
// the app, whether Claude is on and whether provider keys can be saved, each with what to do next.
import type { Config } from './config.ts';

export function startedSummary(config: Config, port: number | undefined): string {
  const slack =
    config.slack.mode === 'socket'
      ? 'Socket Mode: connected to Slack'
      : `HTTP on port ${port ?? config.port}: paste https://<your public host>/slack/events as the Request URL (Event Subscriptions, Interactivity, the /ohmymkt command)`;
  const claude = config.anthropic.apiKey
    ? `Claude: on (${config.anthropic.model}, specialists ${config.anthropic.fastModel}; the key check follows in the log)`
    : 'Claude: off, set ANTHROPIC_API_KEY to run agents (slash commands work without it)';
  const providers = config.secretKey
    ? 'provider keys: can be saved (OHMYMKT_SECRET_KEY is set)'
    : 'provider keys: cannot be saved until OHMYMKT_SECRET_KEY is set';
  // In OAuth mode there is no workspace yet until someone installs: say where.
  const install = config.slack.oauth ? ' · workspaces install at https://<your public host>/slack/install' : '';
  return `ohmymkt is running · ${slack}${install} · ${claude} · ${providers}`;
}
