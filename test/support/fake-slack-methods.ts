// The Web API methods the fake Slack answers, with real Slack's argument checks and error codes.
import { messageBlockProblems, SLACK_LIMITS, viewProblems } from './block-kit-rules.ts';
import type { SlackMessage, Workspace } from './fake-slack-workspace.ts';

export type Args = Record<string, unknown>;
export type Result = { ok: boolean; error?: string } & Record<string, unknown>;
export type MethodHandler = (args: Args, ws: Workspace, origin: string) => Result;

const ok = (body: Args = {}): Result => ({ ok: true, ...body });
const fail = (error: string, messages?: string[]): Result =>
  messages?.length ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** Checks shared by every method that renders a message; undefined when Slack would accept it. */
function messageProblem(args: Args, ws: Workspace, { needsContent }: { needsContent: boolean }): Result | undefined {
  if (!str(args['channel'])) return fail('channel_not_found');
  const text = typeof args['text'] === 'string' ? args['text'] : undefined;
  const hasBlocks = Array.isArray(args['blocks']) && args['blocks'].length > 0;
  if (needsContent && !text && !hasBlocks && args['attachments'] === undefined) return fail('no_text');
  if (text !== undefined && text.length > SLACK_LIMITS.messageText) return fail('msg_too_long');
  if (typeof args['blocks'] === 'string') return fail('invalid_blocks_format');
  if (args['blocks'] !== undefined) {
    const problems = messageBlockProblems(args['blocks'], ws.refusedBlockTypes);
    if (problems.length) return fail('invalid_blocks', problems);
  }
  return undefined;
}

function content(args: Args): Partial<SlackMessage> {
  const out: Partial<SlackMessage> = {};
  if (typeof args['text'] === 'string') out.text = args['text'];
  if (Array.isArray(args['blocks'])) out.blocks = args['blocks'];
  if (Array.isArray(args['attachments'])) out.attachments = args['attachments'];
  if (args['metadata'] !== undefined) out.metadata = args['metadata'];
  return out;
}

function chunkText(args: Args): string {
  const chunks = Array.isArray(args['chunks']) ? (args['chunks'] as Args[]) : [];
  const fromChunks = chunks.filter((c) => c['type'] === 'markdown_text').map((c) => String(c['text'] ?? ''));
  return (typeof args['markdown_text'] === 'string' ? args['markdown_text'] : '') + fromChunks.join('');
}

function postMessage(args: Args, ws: Workspace): Result {
  const problem = messageProblem(args, ws, { needsContent: true });
  if (problem) return problem;
  const channel = str(args['channel']) as string;
  const threadTs = str(args['thread_ts']);
  const message = ws.store({
    channel,
    ts: ws.nextTs(),
    user: ws.identity.botUserId,
    bot_id: ws.identity.botId,
    ...content(args),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return ok({ channel, ts: message.ts, message: ws.wire(message) });
}

function update(args: Args, ws: Workspace): Result {
  const problem = messageProblem(args, ws, { needsContent: false });
  if (problem) return problem;
  const channel = str(args['channel']) as string;
  const existing = ws.find(channel, str(args['ts']) ?? '');
  if (!existing) return fail('message_not_found');
  if (existing.bot_id !== ws.identity.botId) return fail('cant_update_message');
  const message = ws.store({ ...existing, ...content(args), edited: { user: ws.identity.botUserId, ts: ws.nextTs() } });
  return ok({ channel, ts: message.ts, text: message.text ?? '', message: ws.wire(message) });
}

function remove(args: Args, ws: Workspace): Result {
  const channel = str(args['channel']);
  if (!channel) return fail('channel_not_found');
  const ts = str(args['ts']) ?? '';
  const existing = ws.find(channel, ts);
  if (!existing) return fail('message_not_found');
  if (existing.bot_id !== ws.identity.botId) return fail('cant_delete_message');
  ws.remove(channel, ts);
  return ok({ channel, ts });
}

function postEphemeral(args: Args, ws: Workspace): Result {
  const problem = messageProblem(args, ws, { needsContent: true });
  if (problem) return problem;
  if (!str(args['user'])) return fail('user_not_in_channel');
  return ok({ message_ts: ws.nextTs() });
}

function openView(args: Args, ws: Workspace): Result {
  const trigger = str(args['trigger_id']);
  if (!trigger) return fail('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
  const problems = viewProblems(args['view']);
  if (problems.length) return fail('invalid_arguments', problems);
  // A trigger id is good for exactly one modal.
  if (ws.exchangedTriggers.has(trigger)) return fail('exchanged_trigger_id');
  ws.exchangedTriggers.add(trigger);
  const stored = { id: ws.nextId('V'), hash: ws.nextTs(), view: args['view'] as Args };
  ws.views.set(stored.id, stored);
  return ok({ view: ws.wireView(stored) });
}

function updateView(args: Args, ws: Workspace): Result {
  const viewId = str(args['view_id']);
  const externalId = str(args['external_id']);
  if (!viewId && !externalId) return fail('invalid_arguments', ['[ERROR] missing required field: view_id']);
  const problems = viewProblems(args['view']);
  if (problems.length) return fail('invalid_arguments', problems);
  const current = viewId
    ? ws.views.get(viewId)
    : [...ws.views.values()].find((v) => v.view['external_id'] === externalId);
  if (!current) return fail('not_found');
  const hash = str(args['hash']);
  if (hash && hash !== current.hash) return fail('hash_conflict');
  const stored = { id: current.id, hash: ws.nextTs(), view: args['view'] as Args };
  ws.views.set(stored.id, stored);
  return ok({ view: ws.wireView(stored) });
}

// views.publish (https://docs.slack.dev/reference/methods/views.publish): user_id and view are required, an
// unknown user id is "invalid `user_id`"; it publishes Home tabs, and "not_enabled: Error returned if a `home`
// view is published but the Home tab isn't enabled for the app", "view_too_large: … greater than 250kb" (the
// method's error list, slack_kit priv/docs/methods/views.publish.json). A view holds at most 100 blocks.
const MAX_VIEW_BYTES = 250 * 1024;

function publishView(args: Args, ws: Workspace): Result {
  const userId = str(args['user_id']);
  if (!userId) return fail('invalid_arguments', ['[ERROR] missing required field: user_id']);
  if (!/^[UW][A-Z0-9]+$/.test(userId)) return fail('invalid_arguments', ['invalid `user_id`']);
  const view = args['view'];
  if (typeof view === 'object' && view !== null && (view as Args)['type'] !== 'home') return fail('invalid_arguments', ['[ERROR] must be home [json-pointer:/view/type]']);
  if (!ws.homeTabEnabled) return fail('not_enabled');
  if (Buffer.byteLength(JSON.stringify(view ?? null)) > MAX_VIEW_BYTES) return fail('view_too_large');
  const problems = viewProblems(view);
  if (problems.length) return fail('invalid_arguments', problems);
  const stored = { id: ws.nextId('V'), hash: ws.nextTs(), view: args['view'] as Args };
  return ok({ view: ws.wireView(stored) });
}

function reaction(add: boolean) {
  return (args: Args, ws: Workspace): Result => {
    const channel = str(args['channel']);
    if (!channel) return fail('channel_not_found');
    const ts = str(args['timestamp']);
    if (!ts) return fail('no_item_specified');
    const name = str(args['name']);
    if (!name) return fail('invalid_name');
    // The message is often a user's mention the fake never saw, so reactions are kept by (channel, ts).
    const current = ws.reactionsOn(channel, ts);
    if (add && current.includes(name)) return fail('already_reacted');
    if (!add && !current.includes(name)) return fail('no_reaction');
    ws.setReactions(channel, ts, add ? [...current, name] : current.filter((r) => r !== name));
    return ok();
  };
}

function replies(args: Args, ws: Workspace): Result {
  const channel = str(args['channel']);
  if (!channel) return fail('channel_not_found');
  const ts = str(args['ts']);
  if (!ts) return fail('thread_not_found');
  const messages = ws.thread(channel, ts).map((m) => ws.wire(m));
  return ok({ messages, has_more: false, response_metadata: { next_cursor: '' } });
}

function history(args: Args, ws: Workspace): Result {
  const channel = str(args['channel']);
  if (!channel) return fail('channel_not_found');
  const messages = ws
    .channelView(channel)
    .filter((m) => !m.unseenParent)
    .reverse()
    .map(({ replies: thread, unseenParent: _unseen, ...m }) =>
      ws.wire(thread.length ? { ...m, thread_ts: m.ts } : m),
    );
  return ok({ messages, has_more: false, response_metadata: { next_cursor: '' } });
}

function startStream(args: Args, ws: Workspace): Result {
  const channel = str(args['channel']);
  if (!channel) return fail('channel_not_found');
  const threadTs = str(args['thread_ts']);
  if (!threadTs) return fail('invalid_arguments', ['[ERROR] missing required field: thread_ts']);
  const message = ws.store({
    channel,
    ts: ws.nextTs(),
    thread_ts: threadTs,
    user: ws.identity.botUserId,
    bot_id: ws.identity.botId,
    text: chunkText(args),
    streaming: true,
  });
  return ok({ channel, ts: message.ts });
}

function continueStream(stop: boolean) {
  return (args: Args, ws: Workspace): Result => {
    const channel = str(args['channel']);
    if (!channel) return fail('channel_not_found');
    const existing = ws.find(channel, str(args['ts']) ?? '');
    if (!existing) return fail('message_not_found');
    if (!existing.streaming) return fail('message_not_in_streaming_state');
    const message = ws.store({
      ...existing,
      text: (existing.text ?? '') + chunkText(args),
      ...(stop && Array.isArray(args['blocks']) ? { blocks: args['blocks'] } : {}),
      streaming: !stop,
    });
    return ok({ channel, ts: message.ts, ...(stop ? { message: ws.wire(message) } : {}) });
  };
}

function uploadUrl(args: Args, ws: Workspace, origin: string): Result {
  const filename = str(args['filename']);
  const length = Number(args['length']);
  if (!filename || !Number.isInteger(length) || length <= 0) {
    return fail('invalid_arguments', ['[ERROR] missing required field: filename or length']);
  }
  const id = ws.nextId('F');
  ws.files.set(id, { id, filename });
  return ok({ upload_url: `${origin}/upload/${id}`, file_id: id });
}

function completeUpload(args: Args, ws: Workspace): Result {
  const entries = Array.isArray(args['files']) ? (args['files'] as Args[]) : [];
  if (entries.length === 0) return fail('invalid_arguments', ['[ERROR] missing required field: files']);
  const files = [];
  for (const entry of entries) {
    const file = ws.files.get(str(entry['id']) ?? '');
    if (!file || file.bytes === undefined) return fail('file_not_found');
    files.push({ id: file.id, name: file.filename, title: str(entry['title']) ?? file.filename, size: file.bytes });
  }
  const channel = str(args['channel_id']);
  if (channel) {
    const threadTs = str(args['thread_ts']);
    ws.store({
      channel,
      ts: ws.nextTs(),
      user: ws.identity.botUserId,
      bot_id: ws.identity.botId,
      text: str(args['initial_comment']) ?? '',
      files,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  }
  return ok({ files });
}

const requireChannelId = (args: Args): Result => (str(args['channel_id']) ? ok() : fail('channel_not_found'));

export const METHODS: Record<string, MethodHandler> = {
  'auth.test': (_args, ws, origin) =>
    ok({
      url: `${origin}/`,
      team: ws.identity.teamName,
      user: ws.identity.botName,
      team_id: ws.identity.teamId,
      user_id: ws.identity.botUserId,
      bot_id: ws.identity.botId,
      is_enterprise_install: false,
    }),
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': remove,
  'chat.postEphemeral': postEphemeral,
  // channel and message_ts are required (https://docs.slack.dev/reference/methods/chat.getPermalink: errors
  // channel_not_found, message_not_found). A message the fake never saw (a person's mention) may still exist,
  // so only a missing ts is refused.
  'chat.getPermalink': (args, ws) => {
    const channel = str(args['channel']);
    if (!channel) return fail('channel_not_found');
    const ts = str(args['message_ts']);
    if (!ts) return fail('message_not_found');
    return ok({ channel, permalink: `https://${ws.identity.teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}` });
  },
  'chat.startStream': startStream,
  'chat.appendStream': continueStream(false),
  'chat.stopStream': continueStream(true),
  'views.open': openView,
  'views.push': openView,
  'views.update': updateView,
  'views.publish': publishView,
  'reactions.add': reaction(true),
  'reactions.remove': reaction(false),
  'conversations.replies': replies,
  'conversations.history': history,
  'conversations.info': (args, ws) => {
    const id = str(args['channel']);
    if (!id) return fail('channel_not_found');
    return ok({
      channel: {
        id,
        name: `channel-${id.toLowerCase()}`,
        is_channel: id.startsWith('C'),
        is_group: false,
        is_im: id.startsWith('D'),
        is_private: id.startsWith('G'),
        is_archived: false,
        is_member: true,
        context_team_id: ws.identity.teamId,
        created: 1_700_000_000,
      },
    });
  },
  // users.info: `user` is required (Slack answers invalid_arguments without it) and the token needs
  // users:read (missing_scope names the needed and the provided scopes). Admin and owner flags as Slack
  // sends them for every user. https://docs.slack.dev/reference/methods/users.info
  'users.info': (args, ws) => {
    if (!ws.scopes.includes('users:read')) return { ok: false, error: 'missing_scope', needed: 'users:read', provided: ws.scopes.join(',') };
    const id = str(args['user']);
    if (!id) return fail('invalid_arguments', ['[ERROR] missing required field: user']);
    if (!/^[UW][A-Z0-9]+$/.test(id)) return fail('user_not_found');
    const name = `user-${id.toLowerCase()}`;
    const person = ws.people.get(id) ?? {};
    return ok({
      user: {
        id,
        team_id: ws.identity.teamId,
        name,
        real_name: name,
        tz: 'UTC',
        tz_offset: 0,
        is_bot: id === ws.identity.botUserId,
        deleted: person.deleted ?? false,
        is_admin: person.is_admin ?? false,
        is_owner: person.is_owner ?? false,
        is_primary_owner: person.is_primary_owner ?? false,
        is_restricted: false,
        is_ultra_restricted: false,
        profile: { real_name: name, display_name: name },
      },
    });
  },
  // channel_id, thread_ts and status are required (https://docs.slack.dev/reference/methods/assistant.threads.setStatus);
  // an empty status is what clears it.
  'assistant.threads.setStatus': (args) => {
    if (!str(args['channel_id'])) return fail('channel_not_found');
    if (!str(args['thread_ts'])) return fail('invalid_arguments', ['[ERROR] missing required field: thread_ts']);
    if (typeof args['status'] !== 'string') return fail('invalid_arguments', ['[ERROR] missing required field: status']);
    return ok();
  },
  'assistant.threads.setTitle': requireChannelId,
  'assistant.threads.setSuggestedPrompts': requireChannelId,
  'files.getUploadURLExternal': uploadUrl,
  'files.completeUploadExternal': completeUpload,
};
