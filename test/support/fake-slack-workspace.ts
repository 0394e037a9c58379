// What the fake Slack remembers between calls: messages per channel (with edits, deletes and threads),
// reactions, open views, exchanged trigger ids and uploaded files. Read back by tests through FakeSlack.

export interface SlackIdentity {
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  botName: string;
  appId: string;
}

export const DEFAULT_IDENTITY: SlackIdentity = {
  teamId: 'T0OHMYMKT',
  teamName: 'Ohmymkt Test',
  teamDomain: 'ohmymkt-test',
  botUserId: 'U0OHMYBOT',
  botId: 'B0OHMYBOT',
  botName: 'ohmymkt',
  appId: 'A0OHMYMKT',
};

export interface SlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: unknown[];
  metadata?: unknown;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  edited?: { user: string; ts: string };
  /** Reaction names the app added (filled in when read back; kept apart so user messages can carry them). */
  reactions?: string[];
  /** True while a chat.startStream message has not been stopped. */
  streaming?: boolean;
}

/** A top-level message as the channel shows it now, with its thread replies in order. */
export interface ChannelMessage extends SlackMessage {
  replies: SlackMessage[];
  /** The parent was never seen by the fake (a user message the test did not seed); only its replies are known. */
  unseenParent?: boolean;
}

export interface SlackView {
  id: string;
  hash: string;
  view: Record<string, unknown>;
}

export interface UploadedFile {
  id: string;
  filename: string;
  /** Set once the file's bytes reach the upload URL. */
  bytes?: number;
}

const byTs = (a: { ts: string }, b: { ts: string }) => Number(a.ts) - Number(b.ts);

/** What users.info tells about a person besides their id (https://docs.slack.dev/reference/methods/users.info). */
export interface SlackPerson {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  deleted?: boolean;
}

/** The bot token's scopes as manifest.yml grants them; a method needing another answers missing_scope. */
export const DEFAULT_BOT_SCOPES = ['app_mentions:read', 'assistant:write', 'channels:history', 'groups:history', 'chat:write', 'commands', 'files:write', 'reactions:write', 'users:read'];

export class Workspace {
  readonly messages = new Map<string, SlackMessage>();
  readonly people = new Map<string, SlackPerson>();
  scopes: string[] = [...DEFAULT_BOT_SCOPES];
  /** features.app_home.home_tab_enabled of the app's manifest: views.publish of a home view needs it. */
  homeTabEnabled = true;
  /** Block types this workspace refuses in messages (invalid_blocks), e.g. plan blocks not yet enabled. */
  refusedBlockTypes = new Set<string>();
  readonly views = new Map<string, SlackView>();
  readonly exchangedTriggers = new Set<string>();
  readonly files = new Map<string, UploadedFile>();
  readonly reactions = new Map<string, string[]>();
  private counter = 0;
  private readonly epoch = Math.floor(Date.now() / 1000);

  constructor(readonly identity: SlackIdentity) {}

  /** Slack ts values are "seconds.micros"; ours increase strictly so ordering by ts is ordering by post. */
  nextTs(): string {
    this.counter += 1;
    return `${this.epoch + Math.floor(this.counter / 1e6)}.${String(this.counter % 1e6).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}0${this.counter.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  find(channel: string, ts: string): SlackMessage | undefined {
    const message = this.messages.get(`${channel}|${ts}`);
    return message && this.withReactions(message);
  }

  reactionsOn(channel: string, ts: string): string[] {
    return this.reactions.get(`${channel}|${ts}`) ?? [];
  }

  setReactions(channel: string, ts: string, names: string[]): void {
    this.reactions.set(`${channel}|${ts}`, names);
  }

  private withReactions(message: SlackMessage): SlackMessage {
    const names = this.reactionsOn(message.channel, message.ts);
    return names.length ? { ...message, reactions: names } : message;
  }

  store(message: SlackMessage): SlackMessage {
    const { reactions: _reactions, ...rest } = message;
    this.messages.set(`${message.channel}|${message.ts}`, rest);
    return this.withReactions(rest);
  }

  remove(channel: string, ts: string): boolean {
    return this.messages.delete(`${channel}|${ts}`);
  }

  /** The thread as conversations.replies returns it: parent first (when known), then replies by ts. */
  thread(channel: string, threadTs: string): SlackMessage[] {
    const parent = this.find(channel, threadTs);
    const replies = [...this.messages.values()]
      .filter((m) => m.channel === channel && m.thread_ts === threadTs && m.ts !== threadTs)
      .map((m) => this.withReactions(m))
      .sort(byTs);
    return parent ? [parent, ...replies] : replies;
  }

  channelView(channel: string): ChannelMessage[] {
    const inChannel = [...this.messages.values()].filter((m) => m.channel === channel).map((m) => this.withReactions(m));
    const isTopLevel = (m: SlackMessage) => m.thread_ts === undefined || m.thread_ts === m.ts;
    const top = new Map<string, ChannelMessage>();
    for (const m of inChannel.filter(isTopLevel)) top.set(m.ts, { ...m, replies: [] });
    for (const reply of inChannel.filter((m) => !isTopLevel(m)).sort(byTs)) {
      const threadTs = reply.thread_ts as string;
      let parent = top.get(threadTs);
      if (!parent) {
        parent = { channel, ts: threadTs, replies: [], unseenParent: true };
        top.set(threadTs, parent);
      }
      parent.replies.push(reply);
    }
    return [...top.values()].sort(byTs);
  }

  /** Wire shape of a message inside API responses (no channel field, Slack puts that beside it). */
  wire(message: SlackMessage): Record<string, unknown> {
    const { channel: _channel, streaming: _streaming, reactions, ...rest } = message;
    return {
      type: 'message',
      team: this.identity.teamId,
      ...rest,
      ...(rest.bot_id ? { app_id: this.identity.appId } : {}),
      ...(reactions?.length
        ? { reactions: reactions.map((name) => ({ name, count: 1, users: [this.identity.botUserId] })) }
        : {}),
    };
  }

  wireView(stored: SlackView): Record<string, unknown> {
    const { view } = stored;
    return {
      id: stored.id,
      team_id: this.identity.teamId,
      type: view['type'],
      blocks: view['blocks'] ?? [],
      private_metadata: view['private_metadata'] ?? '',
      callback_id: view['callback_id'] ?? '',
      state: { values: {} },
      hash: stored.hash,
      title: view['title'] ?? null,
      submit: view['submit'] ?? null,
      close: view['close'] ?? null,
      clear_on_close: view['clear_on_close'] ?? false,
      notify_on_close: view['notify_on_close'] ?? false,
      external_id: view['external_id'] ?? '',
      previous_view_id: null,
      root_view_id: stored.id,
      app_id: this.identity.appId,
      app_installed_team_id: this.identity.teamId,
      bot_id: this.identity.botId,
    };
  }
}
