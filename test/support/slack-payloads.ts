// Builders for the payloads Slack delivers to the app, shaped like Slack's reference and the recorded
// fixtures in test/fixtures/slack/. Ids default to the fake Slack's workspace so the two line up.
import { randomUUID } from 'node:crypto';
import { DEFAULT_IDENTITY } from './fake-slack-workspace.ts';

type Json = Record<string, unknown>;

const APP = DEFAULT_IDENTITY;
// Slack still sends the deprecated verification token; Bolt ignores it, so any value does.
const VERIFICATION_TOKEN = 'vErIfIcAtIoNtOkEn0000000';
let sequence = 0;
const next = () => (sequence += 1);

/** Slack's trigger ids look like `13345224609.738474920.8088930838d88f008e0`; each is unique here. */
export function newTriggerId(): string {
  const n = next();
  return `${13_000_000_000 + n}.${738_000_000 + n}.${randomUUID().replace(/-/g, '').slice(0, 21)}`;
}

const user = (id: string, teamId: string) => {
  const name = `user-${id.toLowerCase()}`;
  return { id, username: name, name, team_id: teamId };
};
const team = (id: string) => ({ id, domain: APP.teamDomain });

/** Slack's rich_text rendering of a message's text, with `<@U…>` mentions as user elements. */
function richText(text: string): Json[] {
  const elements = text
    .split(/(<@[A-Z0-9]+>)/)
    .filter((part) => part !== '')
    .map((part) => {
      const mention = /^<@([A-Z0-9]+)>$/.exec(part);
      return mention ? { type: 'user', user_id: mention[1] } : { type: 'text', text: part };
    });
  const section = { type: 'rich_text_section', elements };
  return [{ type: 'rich_text', block_id: randomUUID().slice(0, 5), elements: [section] }];
}

export interface EventCallbackInput {
  event: Json;
  eventId?: string;
  teamId?: string;
  eventTime?: number;
  /** The workspace's Enterprise Grid organization. */
  enterpriseId?: string;
  /** Delivered through the organization's org-wide install (the authorization names no workspace then). */
  orgWide?: boolean;
}

/** The Events API envelope Slack posts as JSON. */
export function eventCallback({ event, eventId, teamId = APP.teamId, eventTime, enterpriseId, orgWide = false }: EventCallbackInput): Json {
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
    context_team_id: teamId,
    context_enterprise_id: enterpriseId ?? null,
    api_app_id: APP.appId,
    event,
    type: 'event_callback',
    event_id: eventId ?? `Ev0${String(next()).padStart(9, '0')}`,
    event_time: eventTime ?? Math.floor(Number(event['event_ts'] ?? Date.now() / 1000)),
    authorizations: [
      { enterprise_id: enterpriseId ?? null, team_id: orgWide ? null : teamId, user_id: APP.botUserId, is_bot: true, is_enterprise_install: orgWide },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: event['type'], tid: teamId, aid: APP.appId })).toString('base64')}`,
  };
}

export interface MessageEventInput {
  channel: string;
  user: string;
  text: string;
  ts: string;
  teamId?: string;
}

/** What every message-like event carries: who wrote what, when, in which channel and workspace. */
function messageFields({ channel, user, text, ts, teamId = APP.teamId }: MessageEventInput): Json {
  return { user, text, ts, client_msg_id: randomUUID(), team: teamId, blocks: richText(text), channel, event_ts: ts };
}

/** An `app_mention` event (the inner event; wrap it with eventCallback). */
export function appMention(input: MessageEventInput & { threadTs?: string }): Json {
  return { type: 'app_mention', ...messageFields(input), ...(input.threadTs ? { thread_ts: input.threadTs } : {}) };
}

/** A person's reply in a thread, as the `message` event (channel_type channel) delivers it. */
export function threadMessage(input: MessageEventInput & { threadTs: string; parentUserId?: string }): Json {
  return {
    type: 'message',
    ...messageFields(input),
    thread_ts: input.threadTs,
    parent_user_id: input.parentUserId ?? APP.botUserId,
    channel_type: 'channel',
  };
}

export interface SlashCommandInput {
  text: string;
  userId: string;
  channelId: string;
  /** A URL from FakeSlack.newResponseUrl(); Bolt's respond() posts there. */
  responseUrl: string;
  teamId?: string;
  triggerId?: string;
  command?: string;
  enterpriseId?: string;
  orgWide?: boolean;
}

/** The form fields of a slash command (Slack posts them form-encoded). */
export function slashCommand({
  text,
  userId,
  channelId,
  responseUrl,
  teamId = APP.teamId,
  triggerId = newTriggerId(),
  command = '/ohmymkt',
  enterpriseId,
  orgWide = false,
}: SlashCommandInput): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
    team_domain: APP.teamDomain,
    channel_id: channelId,
    channel_name: `channel-${channelId.toLowerCase()}`,
    user_id: userId,
    user_name: `user-${userId.toLowerCase()}`,
    command,
    text,
    api_app_id: APP.appId,
    is_enterprise_install: String(orgWide),
    response_url: responseUrl,
    trigger_id: triggerId,
  };
}

export interface BlockActionInput {
  actionId: string;
  value: string;
  userId: string;
  channelId: string;
  messageTs: string;
  threadTs?: string;
  teamId?: string;
  triggerId?: string;
  actionTs?: string;
  blockId?: string;
  responseUrl?: string;
  /** The message the button sits in, e.g. from FakeSlack.messages(); defaults to a bare bot message. */
  message?: Json;
  buttonText?: string;
}

/** A button click (`block_actions` interaction payload, sent as `payload=<json>`). */
export function blockAction(input: BlockActionInput): Json {
  const { actionId, value, userId, channelId, messageTs, threadTs, teamId = APP.teamId } = input;
  return {
    type: 'block_actions',
    user: user(userId, teamId),
    api_app_id: APP.appId,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    },
    trigger_id: input.triggerId ?? newTriggerId(),
    team: team(teamId),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: `channel-${channelId.toLowerCase()}` },
    message: input.message ?? {
      type: 'message',
      user: APP.botUserId,
      bot_id: APP.botId,
      app_id: APP.appId,
      text: '',
      ts: messageTs,
      team: teamId,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    },
    state: { values: {} },
    ...(input.responseUrl ? { response_url: input.responseUrl } : {}),
    actions: [
      {
        action_id: actionId,
        block_id: input.blockId ?? randomUUID().slice(0, 5),
        text: { type: 'plain_text', text: input.buttonText ?? value, emoji: true },
        value,
        type: 'button',
        action_ts: input.actionTs ?? `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`,
      },
    ],
  };
}

export interface ViewSubmissionInput {
  callbackId: string;
  privateMetadata: string;
  /** `state.values`: `{ [blockId]: { [actionId]: { type, value } } }`. */
  values: Record<string, Record<string, Json>>;
  userId: string;
  viewId: string;
  teamId?: string;
  triggerId?: string;
}

/** A modal's submit (`view_submission` interaction payload, sent as `payload=<json>`). */
export function viewSubmission({
  callbackId,
  privateMetadata,
  values,
  userId,
  viewId,
  teamId = APP.teamId,
  triggerId = newTriggerId(),
}: ViewSubmissionInput): Json {
  return {
    type: 'view_submission',
    team: team(teamId),
    user: user(userId, teamId),
    api_app_id: APP.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: {
      id: viewId,
      team_id: teamId,
      type: 'modal',
      blocks: [],
      private_metadata: privateMetadata,
      callback_id: callbackId,
      state: { values },
      hash: `${Math.floor(Date.now() / 1000)}.${randomUUID().slice(0, 8)}`,
      title: { type: 'plain_text', text: 'ohmymkt', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: null,
      root_view_id: viewId,
      app_id: APP.appId,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: APP.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The handshake Slack sends when the Events URL is saved. */
export function urlVerification(challenge: string): Json {
  return { token: VERIFICATION_TOKEN, challenge, type: 'url_verification' };
}
