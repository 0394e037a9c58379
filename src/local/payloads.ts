// The payloads Slack would deliver for what the local person does, shaped like Slack's own so the
// app's listeners cannot tell the terminal from a workspace.
import { randomUUID } from 'node:crypto';

/** The one workspace, channel, person and bot of a local session. */
export const LOCAL = {
  teamId: 'T0LOCAL01',
  teamDomain: 'ohmymkt-local',
  channelId: 'C0LOCAL01',
  channelName: 'growth',
  userId: 'U0LOCALUSR',
  userName: 'you',
  botUserId: 'U0LOCALBOT',
  botId: 'B0LOCALBOT',
  appId: 'A0LOCALAPP',
} as const;

type Json = Record<string, unknown>;

let sequence = 0;
const next = () => (sequence += 1);

function newTriggerId(): string {
  const n = next();
  return `${13_000_000_000 + n}.${738_000_000 + n}.${randomUUID().replace(/-/g, '').slice(0, 21)}`;
}

const user = { id: LOCAL.userId, username: LOCAL.userName, name: LOCAL.userName, team_id: LOCAL.teamId };
const team = { id: LOCAL.teamId, domain: LOCAL.teamDomain };
const channel = { id: LOCAL.channelId, name: LOCAL.channelName };

const MEMBERS: Record<string, string> = { ohmymkt: LOCAL.botUserId, you: LOCAL.userId };

/**
 * Mentions as Slack writes them: `@ohmymkt`, `@you` or a user id (a teammate not in this one-person
 * workspace) becomes `<@U…>` in a message, and `<@U…|name>` in a slash command (the manifest's should_escape).
 */
export function slackText(typed: string, as: 'message' | 'command' = 'message'): string {
  return typed.replace(/@(ohmymkt|you|[UW][A-Z0-9]{8,})\b/gi, (whole, name: string) => {
    const member = name.toLowerCase();
    const id = MEMBERS[member] ?? (/^[UW][A-Z0-9]+$/.test(name) ? name : undefined);
    if (id === undefined) return whole;
    return as === 'command' ? `<@${id}|${MEMBERS[member] ? member : id.toLowerCase()}>` : `<@${id}>`;
  });
}

function mentionsBot(text: string): boolean {
  return text.includes(`<@${LOCAL.botUserId}>`);
}

/** The Events API envelope around one event. */
function eventCallback(event: Json): Json {
  return {
    team_id: LOCAL.teamId,
    context_team_id: LOCAL.teamId,
    api_app_id: LOCAL.appId,
    event,
    type: 'event_callback',
    event_id: `Ev0LOCAL${String(next()).padStart(6, '0')}${Date.now().toString(36)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: LOCAL.teamId, user_id: LOCAL.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/**
 * What Slack sends for a person's message: `message` always (the app subscribes to channel messages),
 * and `app_mention` too when it mentions the bot — the app relies on both, as in a workspace.
 */
export function messageEvents(text: string, ts: string, threadTs?: string): Json[] {
  const common = { user: LOCAL.userId, text, ts, event_ts: ts, team: LOCAL.teamId, channel: LOCAL.channelId, client_msg_id: randomUUID(), ...(threadTs ? { thread_ts: threadTs } : {}) };
  const message = eventCallback({ type: 'message', channel_type: 'channel', ...common, ...(threadTs ? { parent_user_id: LOCAL.botUserId } : {}) });
  return mentionsBot(text) ? [eventCallback({ type: 'app_mention', ...common }), message] : [message];
}

/** Opening ohmymkt's Home tab, as Slack sends it (https://docs.slack.dev/reference/events/app_home_opened). */
export function appHomeOpened(): Json {
  return eventCallback({ type: 'app_home_opened', user: LOCAL.userId, channel: 'D0LOCAL01', tab: 'home', event_ts: `${Math.floor(Date.now() / 1000)}.000100` });
}

export function slashCommand(command: string, text: string, responseUrl: string): Json {
  return {
    team_id: LOCAL.teamId,
    team_domain: LOCAL.teamDomain,
    channel_id: LOCAL.channelId,
    channel_name: LOCAL.channelName,
    user_id: LOCAL.userId,
    user_name: LOCAL.userName,
    command,
    text: slackText(text, 'command'),
    api_app_id: LOCAL.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: newTriggerId(),
  };
}

/** Where a pressed button sits: a message in the channel (maybe ephemeral, maybe in a thread) or a modal. */
export type ButtonHost =
  | { kind: 'message'; ts: string; threadTs?: string; ephemeral: boolean; text: string; blocks: unknown[] }
  | { kind: 'view'; view: Json };

export interface PressedButton {
  actionId: string;
  blockId: string;
  value: string | undefined;
  text: string;
  host: ButtonHost;
}

export function blockAction(button: PressedButton, responseUrl: string): Json {
  const { host } = button;
  const container =
    host.kind === 'view'
      ? { type: 'view', view_id: host.view['id'] }
      : { type: 'message', message_ts: host.ts, channel_id: LOCAL.channelId, is_ephemeral: host.ephemeral, ...(host.threadTs ? { thread_ts: host.threadTs } : {}) };
  const where =
    host.kind === 'view'
      ? { view: host.view }
      : {
          channel,
          // Slack leaves the message out of an ephemeral message's payload.
          ...(host.ephemeral
            ? {}
            : { message: { type: 'message', user: LOCAL.botUserId, bot_id: LOCAL.botId, app_id: LOCAL.appId, text: host.text, blocks: host.blocks, ts: host.ts, team: LOCAL.teamId, ...(host.threadTs ? { thread_ts: host.threadTs } : {}) } }),
          response_url: responseUrl,
        };
  return {
    type: 'block_actions',
    user,
    api_app_id: LOCAL.appId,
    container,
    trigger_id: newTriggerId(),
    team,
    enterprise: null,
    is_enterprise_install: false,
    ...where,
    state: { values: {} },
    actions: [
      {
        type: 'button',
        action_id: button.actionId,
        block_id: button.blockId,
        text: { type: 'plain_text', text: button.text, emoji: true },
        ...(button.value !== undefined ? { value: button.value } : {}),
        action_ts: `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`,
      },
    ],
  };
}

/** `values` as Slack fills `view.state.values`: block id → action id → the typed value. */
export function viewSubmission(view: Json, values: Record<string, Record<string, Json>>): Json {
  return {
    type: 'view_submission',
    team,
    user,
    api_app_id: LOCAL.appId,
    trigger_id: newTriggerId(),
    view: { ...view, state: { values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
