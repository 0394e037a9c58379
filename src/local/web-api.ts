// The Slack Web API the app's WebClient talks to in a local session (SLACK_API_URL points here), on
// loopback: it keeps the channel's history and shows every post, update, ephemeral answer and modal.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelMessage, LocalChannel } from './channel.ts';
import { LOCAL } from './payloads.ts';
import type { Transcript } from './transcript.ts';

type Args = Record<string, unknown>;
type Answer = Args & { ok: boolean };

/** Where a response URL's answer lands: the message a button sat on, and its thread. */
export interface ResponseTarget {
  messageTs?: string;
  threadTs?: string;
}

export interface LocalWebApi {
  apiUrl: string;
  responseUrl(target: ResponseTarget): string;
  close(): Promise<void>;
}

// WebClient sends these argument values as JSON inside its form body.
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata']);

async function readArgs(req: IncomingMessage): Promise<Args> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) return body ? (JSON.parse(body) as Args) : {};
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(body)) args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return args;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const blocksOf = (args: Args): unknown[] | undefined => (Array.isArray(args['blocks']) ? args['blocks'] : undefined);
const ok = (body: Args = {}): Answer => ({ ok: true, ...body });
const fail = (error: string): Answer => ({ ok: false, error });

export async function startLocalWebApi(channel: LocalChannel, transcript: Transcript, onView: (view: Args) => void): Promise<LocalWebApi> {
  const responseTargets = new Map<string, ResponseTarget>();
  const uploads = new Map<string, string>();
  // The app's reactions by message, as Slack keeps them: adding one twice or taking off one not there is refused.
  const reactions = new Map<string, Set<string>>();
  let ids = 0;
  const nextId = (prefix: string) => `${prefix}0LOCAL${(ids += 1)}`;

  function post(args: Args, threadTs: string | undefined): Answer {
    const content = text(args['text']) ?? '';
    const startsThread = threadTs !== undefined && !channel.hasReplies(threadTs);
    const username = text(args['username']);
    const message = channel.post({ user: LOCAL.botUserId, ...(username ? { username } : {}), text: content, ...(blocksOf(args) ? { blocks: blocksOf(args) } : {}), ...(threadTs ? { threadTs } : {}) });
    // A thread the app just started is where the person's next `> reply` most likely belongs.
    if (startsThread) channel.current = threadTs;
    transcript.show(message);
    return ok({ channel: LOCAL.channelId, ts: message.ts, message: { type: 'message', user: LOCAL.botUserId, bot_id: LOCAL.botId, text: content, ts: message.ts } });
  }

  /** An edit or a delete: the message is shown again as it now stands, and its old buttons go with it. */
  function change(ts: string, to: Partial<Pick<ChannelMessage, 'text' | 'blocks' | 'deleted'>>): Answer {
    const changed = channel.update(ts, to);
    if (!changed) return fail('message_not_found');
    transcript.forget(ts);
    transcript.show(changed);
    return ok({ channel: LOCAL.channelId, ts });
  }

  const edit = (args: Args) => ({ text: text(args['text']) ?? '', ...(blocksOf(args) ? { blocks: blocksOf(args) } : {}) });

  function openView(args: Args): Answer {
    const view = args['view'] as Args | undefined;
    if (!view) return fail('invalid_arguments');
    const id = text(args['view_id']) ?? nextId('V');
    transcript.forget(`view:${id}`);
    const wire = { ...view, id, hash: channel.nextTs(), team_id: LOCAL.teamId, app_id: LOCAL.appId, bot_id: LOCAL.botId, root_view_id: id, state: { values: {} } };
    onView(wire);
    return ok({ view: wire });
  }

  const methods: Record<string, (args: Args) => Answer> = {
    'auth.test': () => ok({ url: `https://${LOCAL.teamDomain}.slack.com/`, team: 'ohmymkt local', user: 'ohmymkt', team_id: LOCAL.teamId, user_id: LOCAL.botUserId, bot_id: LOCAL.botId, is_enterprise_install: false }),
    'chat.postMessage': (args) => post(args, text(args['thread_ts'])),
    'chat.update': (args) => change(text(args['ts']) ?? '', edit(args)),
    'chat.delete': (args) => change(text(args['ts']) ?? '', { deleted: true }),
    'chat.postEphemeral': (args) => {
      transcript.ephemeral(text(args['text']) ?? '', blocksOf(args), text(args['thread_ts']));
      return ok({ message_ts: channel.nextTs() });
    },
    'views.open': openView,
    'views.push': openView,
    'views.update': openView,
    // The Home tab is shown where the person is, like a modal without a form; `home` asks for it again.
    'views.publish': (args) => {
      const view = args['view'] as Args | undefined;
      if (!view || !text(args['user_id'])) return fail('invalid_arguments');
      transcript.forget('view:home');
      transcript.modal({ ...view, id: 'home', title: { type: 'plain_text', text: 'App Home · ohmymkt' } });
      return ok({ view: { ...view, id: 'home', team_id: LOCAL.teamId, app_id: LOCAL.appId, bot_id: LOCAL.botId } });
    },
    'chat.getPermalink': (args) => {
      const ts = text(args['message_ts']);
      return ts ? ok({ channel: LOCAL.channelId, permalink: `https://${LOCAL.teamDomain}.slack.com/archives/${LOCAL.channelId}/p${ts.replace('.', '')}` }) : fail('message_not_found');
    },
    'reactions.add': (args) => {
      const ts = text(args['timestamp']) ?? '';
      const name = text(args['name']) ?? '?';
      const on = channel.find(ts);
      if (reactions.get(ts)?.has(name)) return fail('already_reacted');
      reactions.set(ts, new Set([...(reactions.get(ts) ?? []), name]));
      transcript.activity(`ohmymkt reacted :${name}:`, on?.threadTs ?? on?.ts);
      return ok();
    },
    // The mark on a request follows its run (👀 → ⏸ → ✅): the old one is taken off as the new one goes on.
    'reactions.remove': (args) => {
      const ts = text(args['timestamp']) ?? '';
      const name = text(args['name']) ?? '?';
      if (!reactions.get(ts)?.delete(name)) return fail('no_reaction');
      const on = channel.find(ts);
      transcript.activity(`ohmymkt took off :${name}:`, on?.threadTs ?? on?.ts);
      return ok();
    },
    'assistant.threads.setStatus': (args) => {
      const status = text(args['status']);
      if (status) transcript.activity(`ohmymkt ${status}`, text(args['thread_ts']));
      return ok();
    },
    'conversations.replies': (args) =>
      ok({ messages: channel.thread(text(args['ts']) ?? '').map((m) => ({ type: 'message', user: m.user, text: m.text, ts: m.ts, ...(m.threadTs ? { thread_ts: m.threadTs } : {}), ...(m.blocks ? { blocks: m.blocks } : {}) })), has_more: false }),
    'files.getUploadURLExternal': (args) => {
      const id = nextId('F');
      uploads.set(id, text(args['filename']) ?? id);
      return ok({ upload_url: `${origin}/upload/${id}`, file_id: id });
    },
    'files.completeUploadExternal': (args) => {
      const files = (Array.isArray(args['files']) ? args['files'] : []) as Array<{ id: string; title?: string }>;
      const names = files.map((f) => f.title ?? uploads.get(f.id) ?? f.id).join(', ');
      post({ text: `file uploaded: ${names}` }, text(args['thread_ts']));
      return ok({ files: files.map((f) => ({ id: f.id, title: f.title ?? uploads.get(f.id) })) });
    },
  };

  function respond(target: ResponseTarget, args: Args): void {
    const original = target.messageTs ? channel.find(target.messageTs) : undefined;
    if (original && args['delete_original'] === true) {
      change(original.ts, { deleted: true });
    } else if (original && args['replace_original'] === true) {
      change(original.ts, edit(args));
    } else if (args['response_type'] === 'in_channel') {
      post(args, text(args['thread_ts']) ?? target.threadTs);
    } else {
      transcript.ephemeral(text(args['text']) ?? '', blocksOf(args), target.threadTs);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [, area = '', id = ''] = new URL(req.url ?? '/', 'http://local').pathname.split('/');
    const args = await readArgs(req);
    let answer: Answer;
    if (area === 'api' && methods[id]) {
      answer = methods[id](args);
    } else if (area === 'response' && responseTargets.has(id)) {
      respond(responseTargets.get(id) ?? {}, args);
      answer = ok();
    } else if (area === 'upload' && uploads.has(id)) {
      answer = ok();
    } else {
      transcript.screen.note(`(the local Slack does not answer ${area}/${id}; the app got unknown_method)`);
      answer = fail('unknown_method');
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      transcript.screen.note(`(the local Slack failed on ${req.url ?? '?'}: ${error instanceof Error ? error.message : String(error)})`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${origin}/api/`,
    responseUrl(target) {
      const id = nextId('R');
      responseTargets.set(id, target);
      return `${origin}/response/${id}`;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
