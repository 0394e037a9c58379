// What the fake Slack knows about app manifests and scopes: the checks `apps.manifest.validate` makes
// (Slack refuses a manifest whose scopes need a feature it lacks, whose events need scopes it lacks, …)
// and the bot scope each Web API method needs. A rule that is not from a doc is not here.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Node = Record<string, any>;

/** One entry of `errors` in an `invalid_manifest` answer (response type AppsManifestValidateResponse). */
export interface ManifestError {
  code?: string;
  message: string;
  pointer: string;
}

/** The repository's manifest.yml, as the JSON object `apps.manifest.validate` takes. */
export function repoManifest(): Node {
  return parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Node;
}

export const botScopesOf = (manifest: Node): string[] => manifest?.['oauth_config']?.['scopes']?.['bot'] ?? [];

// Bot events and the bot scope each needs to be delivered. Event reference pages
// (https://docs.slack.dev/reference/events/<event>): app_mention → app_mentions:read; message.channels →
// channels:history; message.groups → groups:history; message.im → im:history; message.mpim → mpim:history;
// reaction_added/removed → reactions:read; member_joined_channel → channels:read or groups:read;
// app_home_opened, assistant_thread_*, app_uninstalled and tokens_revoked need none. Slack refuses the manifest otherwise: derive-to/derive#558
// (message.im without im:history was a hard invalid_manifest), nanocoai/nanoclaw#3423 (app_mention).
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  'message.mpim': ['mpim:history'],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  member_joined_channel: ['channels:read', 'groups:read'],
  app_home_opened: [],
  assistant_thread_started: [],
  assistant_thread_context_changed: [],
  app_uninstalled: [],
  tokens_revoked: [],
};

// Events whose delivery depends on the conversation's type: "if your bot or app has the channels:read scope, it
// will receive events for public channels. If it has groups:read, it will receive events for private channels"
// (https://docs.slack.dev/reference/events/member_joined_channel). The manifest is valid with either; an app
// that works in both kinds of channel needs both.
const DELIVERY_SCOPES: Record<string, { public: string; private: string }> = {
  member_joined_channel: { public: 'channels:read', private: 'groups:read' },
};

/** Subscribed events Slack would never deliver in public or private channels for want of a scope. */
export function undeliveredEvents(manifest: Node): string[] {
  const scopes = new Set(botScopesOf(manifest));
  const events: string[] = manifest['settings']?.['event_subscriptions']?.['bot_events'] ?? [];
  return events.flatMap((event) => {
    const needs = DELIVERY_SCOPES[event];
    if (!needs) return [];
    return (['public', 'private'] as const).filter((kind) => !scopes.has(needs[kind])).map((kind) => `${event} in ${kind} channels (needs ${needs[kind]})`);
  });
}

function limit(errors: ManifestError[], value: unknown, pointer: string, min: number, max: number): void {
  if (typeof value !== 'string') return;
  if (value.length > max) errors.push({ code: 'failed_constraint', message: `max_length expected ${max}, got ${value.length}`, pointer });
  if (value.length < min) errors.push({ code: 'failed_constraint', message: `min_length expected ${min}, got ${value.length}`, pointer });
}

/** The errors real Slack answers `apps.manifest.validate` with for this manifest; empty when it is valid. */
export function manifestErrors(manifest: Node): ManifestError[] {
  const errors: ManifestError[] = [];
  const display = manifest['display_information'] ?? {};
  const features = manifest['features'] ?? {};
  const settings = manifest['settings'] ?? {};
  const scopes = new Set(botScopesOf(manifest));
  const events: string[] = settings['event_subscriptions']?.['bot_events'] ?? [];
  const socketMode = settings['socket_mode_enabled'] === true;

  // Field limits, https://docs.slack.dev/reference/app-manifest: name required, at most 35 characters;
  // description at most 140 (derive-to/derive#558: "failed_constraint max_length expected 140, got 156");
  // long_description 174 to 4,000 ("throws an error if it is less than 174 characters").
  if (typeof display['name'] !== 'string' || display['name'] === '') {
    errors.push({ message: 'Field is required', pointer: '/display_information/name' });
  }
  limit(errors, display['name'], '/display_information/name', 1, 35);
  limit(errors, display['description'], '/display_information/description', 0, 140);
  limit(errors, display['long_description'], '/display_information/long_description', 174, 4000);

  // assistant:write needs the assistant view (or its successor, the agent view): "Assistant:write scope should
  // include assistant_view feature" (remoteclaw/remoteclaw#584; vellum-ai/vellum-assistant#27248).
  if (scopes.has('assistant:write') && !features['assistant_view'] && !features['agent_view']) {
    errors.push({ message: 'Assistant:write scope should include assistant_view feature', pointer: '/oauth_config/scopes/bot' });
  }
  // The assistant view needs its start event: "Assistant View should use `assistant_thread_started` bot event
  // subscription" (remoteclaw/remoteclaw#584, 2026-03-09). Its description is required (ManifestAssistantView).
  if (features['assistant_view']) {
    if (!events.includes('assistant_thread_started')) {
      errors.push({ message: 'Assistant View should use `assistant_thread_started` bot event subscription', pointer: '/features/assistant_view' });
    }
    if (typeof features['assistant_view']['assistant_description'] !== 'string') {
      errors.push({ message: 'Field is required', pointer: '/features/assistant_view/assistant_description' });
    }
  }

  // Slash commands need the commands scope: "requires_commands_bot_scope Slash Commands requires `commands` bot
  // scope" (derive-to/derive#558). An empty list is refused too (gastownhall/gascity-packs#63).
  const commands = features['slash_commands'];
  if (Array.isArray(commands)) {
    if (commands.length === 0) errors.push({ message: 'Must have at least 1 item', pointer: '/features/slash_commands' });
    if (commands.length > 0 && !scopes.has('commands')) {
      errors.push({ code: 'requires_commands_bot_scope', message: 'Slash Commands requires `commands` bot scope', pointer: '/features/slash_commands' });
    }
    commands.forEach((command: Node, i: number) => {
      // Without Socket Mode, Slack posts the command to its url (https://docs.slack.dev/reference/app-manifest).
      if (!socketMode && typeof command['url'] !== 'string') {
        errors.push({ message: 'Slash Command requires a Request URL', pointer: `/features/slash_commands/${i}/url` });
      }
    });
  }

  events.forEach((event, i) => {
    const needed = EVENT_SCOPES[event];
    if (needed === undefined) {
      // "invalid event type: presence_change" (gugu91/pinet#358): an event Slack does not deliver to bots.
      errors.push({ message: `invalid event type: ${event}`, pointer: `/settings/event_subscriptions/bot_events/${i}` });
    } else if (needed.length > 0 && !needed.some((scope) => scopes.has(scope))) {
      errors.push({ message: `Event \`${event}\` requires the \`${needed.join('` or `')}\` bot scope`, pointer: `/settings/event_subscriptions/bot_events/${i}` });
    }
  });

  // oauth_config.redirect_urls: "An array of strings containing OAuth redirect URLs. A maximum of 1000 redirect
  // URLs can be included." (https://docs.slack.dev/reference/app-manifest)
  const redirects = manifest['oauth_config']?.['redirect_urls'];
  if (redirects !== undefined) {
    if (!Array.isArray(redirects) || redirects.some((url) => typeof url !== 'string' || !URL.canParse(url))) {
      errors.push({ message: 'must be an array of URLs', pointer: '/oauth_config/redirect_urls' });
    } else if (redirects.length > 1000) {
      errors.push({ code: 'failed_constraint', message: `max_items expected 1000, got ${redirects.length}`, pointer: '/oauth_config/redirect_urls' });
    }
  }

  // The documented example answer of https://docs.slack.dev/reference/methods/apps.manifest.validate: without
  // Socket Mode, events and interactivity need a request URL.
  if (events.length > 0 && !socketMode && typeof settings['event_subscriptions']?.['request_url'] !== 'string') {
    errors.push({ message: 'Event Subscription requires either Request URL or Socket Mode Enabled', pointer: '/settings/event_subscriptions' });
  }
  if (settings['interactivity']?.['is_enabled'] === true && !socketMode && typeof settings['interactivity']['request_url'] !== 'string') {
    errors.push({ message: 'Interactivity requires a Request URL', pointer: '/settings/interactivity' });
  }
  return errors;
}

/** Conversation-scoped methods need the scope of the conversation's type (C… public, G… private, D… DM). */
const byConversation = (family: 'history' | 'read') => (args: Node): string[] => {
  const channel = String(args['channel'] ?? args['channel_id'] ?? '');
  const kind = channel.startsWith('G') ? 'groups' : channel.startsWith('D') ? 'im' : 'channels';
  return [`${kind}:${family}`];
};

// The bot scopes a method accepts (any one of them); methods absent need none. Method reference pages
// (https://docs.slack.dev/reference/methods/<method>) and Slack's OpenAPI spec (slackapi/slack-api-specs):
// chat.* → chat:write; reactions.* → reactions:write; users.info → users:read; files.*External (behind
// filesUploadV2) → files:write; conversations.history/replies → <type>:history, .info → <type>:read.
// assistant.threads.setStatus takes chat:write since 2026-03-05, assistant:write "for the time being"
// (https://docs.slack.dev/changelog/2026/03/05/set-status-scope-update); setTitle and setSuggestedPrompts still
// need assistant:write. auth.test, chat.getPermalink and views.* need no scope.
const METHOD_SCOPES: Record<string, string[] | ((args: Node) => string[])> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.startStream': ['chat:write'],
  'chat.appendStream': ['chat:write'],
  'chat.stopStream': ['chat:write'],
  'reactions.add': ['reactions:write'],
  'reactions.remove': ['reactions:write'],
  'users.info': ['users:read'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'conversations.history': byConversation('history'),
  'conversations.replies': byConversation('history'),
  'conversations.info': byConversation('read'),
  'assistant.threads.setStatus': ['chat:write', 'assistant:write'],
  'assistant.threads.setTitle': ['assistant:write'],
  'assistant.threads.setSuggestedPrompts': ['assistant:write'],
};

/** The scopes `method` accepts for these arguments; empty when it needs none. */
export function scopesFor(method: string, args: Node = {}): string[] {
  const entry = METHOD_SCOPES[method];
  return typeof entry === 'function' ? entry(args) : (entry ?? []);
}

// Posting under another name or icon (`username`, `icon_emoji`, `icon_url`) takes chat:write.customize on top
// of chat:write: "Customize messages posted by the app" — chat.postMessage, and the share message of
// files.completeUploadExternal (https://docs.slack.dev/reference/scopes/chat.write.customize).
const CUSTOMIZED_METHODS = new Set(['chat.postMessage', 'files.completeUploadExternal']);
const CUSTOM_IDENTITY = ['username', 'icon_emoji', 'icon_url'];

/** Slack's `missing_scope` answer when the granted scopes lack what the method needs, else undefined. */
export function missingScope(method: string, args: Node, granted: ReadonlySet<string>): Node | undefined {
  const needed = scopesFor(method, args);
  const provided = [...granted].join(',');
  if (needed.length > 0 && !needed.some((scope) => granted.has(scope))) return { ok: false, error: 'missing_scope', needed: needed.join(','), provided };
  const customized = CUSTOMIZED_METHODS.has(method) && CUSTOM_IDENTITY.some((field) => args[field] !== undefined && args[field] !== '');
  if (customized && !granted.has('chat:write.customize')) return { ok: false, error: 'missing_scope', needed: 'chat:write.customize', provided };
  return undefined;
}
