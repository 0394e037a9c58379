// A fake Slack Web API on a loopback port for the app's real WebClient (`slackApiUrl`). It records every
// call, answers and rejects like Slack does, serves response URLs and file uploads, and can fail on demand.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { messageBlockProblems } from './block-kit-rules.ts';
import { METHODS, type Result } from './fake-slack-methods.ts';
import { botScopesOf, manifestErrors, missingScope, repoManifest } from './fake-slack-manifest.ts';
import { basicCredentials, FakeOAuth } from './fake-slack-oauth.ts';
import {
  DEFAULT_IDENTITY,
  Workspace,
  type ChannelMessage,
  type SlackIdentity,
  type SlackMessage,
  type SlackPerson,
} from './fake-slack-workspace.ts';
import { listenLoopback, readBody, sendJson } from './http.ts';

export type { ChannelMessage, SlackIdentity, SlackMessage } from './fake-slack-workspace.ts';
export type { InstallingTeam, IssuedToken } from './fake-slack-oauth.ts';

/**
 * Arguments as the app sent them; JSON-string fields (blocks, view, …) are parsed back to objects.
 * `any` so tests can reach into Slack's open-ended payloads without a cast at every step.
 */
export type SlackArgs = Record<string, any>;

export interface SlackCall {
  /** Web API method, `response_url` for a POST to a response URL, or `file_upload` for an upload URL. */
  method: string;
  args: SlackArgs;
  token: string | undefined;
  /** HTTP status the fake answered with (200 unless a failure was injected or a response URL refused). */
  status: number;
  /** The JSON body the fake answered with (`{ ok, … }` for Web API methods). */
  response: SlackArgs;
}

export type SlackFailure = { status: 429; retryAfter?: number } | { status: number; body?: string } | { error: string };

export interface ResponseUrlTarget {
  /** The channel a response posted with `response_type: 'in_channel'` lands in. */
  channel?: string;
  /** The message `replace_original` / `delete_original` act on. */
  messageTs?: string;
  threadTs?: string;
}

export interface FakeSlack {
  apiUrl: string;
  identity: SlackIdentity;
  calls: SlackCall[];
  callsOf(method: string): SlackCall[];
  waitFor(match: string | ((call: SlackCall) => boolean), options?: { timeoutMs?: number }): Promise<SlackCall>;
  failNext(method: string, failure: SlackFailure): void;
  newResponseUrl(target?: ResponseUrlTarget): string;
  /** Top-level messages as the channel shows them now: edits applied, deletes gone, replies attached. */
  messages(channel: string): ChannelMessage[];
  /** Replies in a thread (parent first when the fake knows it), as conversations.replies would list them. */
  thread(channel: string, threadTs: string): SlackMessage[];
  /** Puts a message the app did not post (a person's message) into the workspace, e.g. a thread's parent. */
  seedMessage(message: SlackMessage): void;
  /**
   * Serves `apps.connections.open` with `link()`, a fresh one-time WebSocket URL (see fake-socket-mode.ts);
   * undefined stops serving it. Without a Socket Mode server the fake does not know the method.
   */
  enableSocketMode(link: (() => string) | undefined): void;
  /** What users.info says of a person (admin, owner); everyone else is a plain member. */
  setPerson(userId: string, person: SlackPerson): void;
  /** The bot token's scopes; default: the ones manifest.yml requests. */
  setScopes(scopes: string[]): void;
  /** Block types the workspace refuses from now on (invalid_blocks), as one without the plan block preview. */
  refuseBlockTypes(types: string[]): void;
  /**
   * OAuth installs: the app's registration, the consent screen, the tokens oauth.v2.access issued (auth.test
   * answers per token) and which workspace owns a channel. Any other xoxb- token is the default workspace's.
   */
  oauth: FakeOAuth;
  reset(): void;
  close(): Promise<void>;
}

/** Methods that take an app-level token (xapp-…) and nothing else; every other method refuses one. */
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);
/**
 * The App Manifest API takes an app configuration token (xoxe.xoxp-…) and nothing else
 * (https://docs.slack.dev/app-manifests/configuring-apps-with-app-manifests); no other method takes one.
 */
const CONFIG_TOKEN_METHODS = new Set(['apps.manifest.validate']);

/** Slack's answer to a token that cannot call this method, or undefined when it can. */
function tokenProblem(method: string, token: string | undefined): string | undefined {
  if (!token) return 'not_authed';
  const appLevel = token.startsWith('xapp-');
  const config = token.startsWith('xoxe.xoxp-');
  if (!appLevel && !token.startsWith('xox')) return 'invalid_auth';
  if (appLevel !== APP_TOKEN_METHODS.has(method)) return 'not_allowed_token_type';
  if (config !== CONFIG_TOKEN_METHODS.has(method)) return 'not_allowed_token_type';
  return undefined;
}

/** https://docs.slack.dev/reference/methods/apps.manifest.validate: `invalid_manifest` with an `errors` list. */
function validateManifest(args: SlackArgs): Result {
  const manifest = args['manifest'];
  if (typeof manifest !== 'object' || manifest === null) return { ok: false, error: 'invalid_arguments' };
  const errors = manifestErrors(manifest);
  return errors.length ? { ok: false, error: 'invalid_manifest', errors } : { ok: true };
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'chunks', 'metadata', 'prompts', 'manifest']);

function parseArgs(body: Buffer, contentType: string): SlackArgs {
  if (contentType.includes('application/json')) return body.length ? (JSON.parse(body.toString('utf8')) as SlackArgs) : {};
  const args: SlackArgs = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    if (!JSON_FIELDS.has(key)) {
      args[key] = value;
      continue;
    }
    try {
      args[key] = JSON.parse(value);
    } catch {
      // Slack answers invalid_blocks_format / invalid_arguments for unparseable JSON; keep the raw string.
      args[key] = value;
    }
  }
  return args;
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

export interface FakeSlackOptions {
  identity?: Partial<SlackIdentity>;
  /**
   * Bot scopes the bot token was granted; by default those manifest.yml asks for, as when the app is installed
   * from it. A bot-token call to a method that needs a scope outside them gets Slack's `missing_scope`.
   */
  scopes?: readonly string[];
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const identity = { ...DEFAULT_IDENTITY, ...options.identity };
  const granted = new Set(options.scopes ?? botScopesOf(repoManifest()));
  const homeTabEnabled = repoManifest()['features']?.['app_home']?.['home_tab_enabled'] === true;
  const newWorkspace = () => Object.assign(new Workspace(identity), { homeTabEnabled });
  let workspace = newWorkspace();
  const calls: SlackCall[] = [];
  const failures = new Map<string, SlackFailure[]>();
  const responseUrls = new Map<string, ResponseUrlTarget>();
  const waiters = new Set<(call: SlackCall) => void>();
  let responseUrlCount = 0;
  let socketModeLink: (() => string) | undefined;
  const oauth = new FakeOAuth();

  function record(call: SlackCall): void {
    calls.push(call);
    for (const waiter of [...waiters]) waiter(call);
  }

  /** Answers with an injected failure when one is queued for this method; true when it did. */
  function injectFailure(method: string, args: SlackArgs, token: string | undefined, res: ServerResponse): boolean {
    const failure = failures.get(method)?.shift();
    if (!failure) return false;
    if ('error' in failure) {
      const response = { ok: false, error: failure.error };
      record({ method, args, token, status: 200, response });
      sendJson(res, 200, response);
    } else if (failure.status === 429) {
      const retryAfter = 'retryAfter' in failure ? (failure.retryAfter ?? 1) : 1;
      const response = { ok: false, error: 'ratelimited' };
      record({ method, args, token, status: 429, response });
      sendJson(res, 429, response, { 'retry-after': String(retryAfter) });
    } else {
      const body = 'body' in failure && failure.body !== undefined ? failure.body : 'Internal Server Error';
      record({ method, args, token, status: failure.status, response: { body } });
      res.writeHead(failure.status, { 'content-type': 'text/plain' }).end(body);
    }
    return true;
  }

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const args = parseArgs(await readBody(req), req.headers['content-type'] ?? '');
    const token = bearer(req) ?? (typeof args['token'] === 'string' ? args['token'] : undefined);
    delete args['token'];
    if (injectFailure(method, args, token, res)) return;
    if (method === 'oauth.v2.access') {
      // Called with no token: the app authenticates with its client id and secret instead.
      const response = oauth.exchange(args, basicCredentials(req.headers.authorization));
      record({ method, args, token, status: 200, response });
      sendJson(res, 200, response);
      return;
    }
    const link = socketModeLink;
    const handler =
      method === 'apps.connections.open'
        ? link && (() => ({ ok: true, url: link() }))
        : method === 'apps.manifest.validate'
          ? validateManifest
          : METHODS[method];
    const problem = tokenProblem(method, token);
    const unscoped = token?.startsWith('xoxb-') ? missingScope(method, args, oauth.scopesOf(token) ?? granted) : undefined;
    const refused = oauth.refusal(token, args);
    let response: Result;
    if (!handler) response = { ok: false, error: 'unknown_method' };
    else if (problem) response = { ok: false, error: problem };
    else if (refused) response = refused;
    else if (unscoped) response = unscoped as Result;
    else if (method === 'auth.test' && token && oauth.knows(token)) response = oauth.authTest(token, origin);
    else response = handler(args, workspace, origin);
    record({ method, args, token, status: 200, response });
    sendJson(res, 200, response);
  }

  async function handleResponseUrl(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const args = body.length ? (JSON.parse(body.toString('utf8')) as SlackArgs) : {};
    if (injectFailure('response_url', args, undefined, res)) return;
    const target = responseUrls.get(id);
    const problems = args['blocks'] === undefined ? [] : messageBlockProblems(args['blocks']);
    if (!target) {
      record({ method: 'response_url', args, token: undefined, status: 404, response: { error: 'expired_url' } });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('expired_url');
      return;
    }
    if (problems.length) {
      record({ method: 'response_url', args, token: undefined, status: 400, response: { error: 'invalid_blocks', problems } });
      res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_blocks');
      return;
    }
    applyResponse(target, args);
    record({ method: 'response_url', args, token: undefined, status: 200, response: { ok: true } });
    sendJson(res, 200, { ok: true });
  }

  function applyResponse(target: ResponseUrlTarget, args: SlackArgs): void {
    const { channel, messageTs } = target;
    if (!channel) return;
    const original = messageTs ? workspace.find(channel, messageTs) : undefined;
    if (original && args['delete_original'] === true) {
      workspace.remove(channel, original.ts);
    } else if (original && args['replace_original'] === true) {
      const { text, blocks } = args;
      workspace.store({ ...original, ...(text !== undefined ? { text } : {}), ...(blocks !== undefined ? { blocks } : {}) });
    } else if (args['response_type'] === 'in_channel') {
      const threadTs = (args['thread_ts'] as string | undefined) ?? target.threadTs;
      workspace.store({
        channel,
        ts: workspace.nextTs(),
        user: identity.botUserId,
        bot_id: identity.botId,
        ...(args['text'] !== undefined ? { text: args['text'] } : {}),
        ...(args['blocks'] !== undefined ? { blocks: args['blocks'] } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    }
  }

  async function handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const contentType = req.headers['content-type'] ?? 'application/octet-stream';
    let bytes = body.length;
    if (contentType.startsWith('multipart/form-data')) {
      // WebClient sends the file as a multipart form; count the file's own bytes, not the envelope's.
      const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
      const part = [...form.values()].find((value) => typeof value !== 'string');
      if (part && typeof part !== 'string') bytes = part.size;
    }
    const file = workspace.files.get(fileId);
    const args = { file_id: fileId, bytes };
    if (!file) {
      record({ method: 'file_upload', args, token: bearer(req), status: 404, response: { body: 'not found' } });
      res.writeHead(404).end();
      return;
    }
    file.bytes = bytes;
    record({ method: 'file_upload', args, token: bearer(req), status: 200, response: { body: `OK - ${bytes}` } });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes}`);
  }

  const listening = await listenLoopback(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const [, area, id] = path.split('/');
    if (req.method !== 'POST' || !id) {
      sendJson(res, 404, { ok: false, error: 'unknown_method' });
    } else if (area === 'api') {
      await handleApi(id, req, res);
    } else if (area === 'response') {
      await handleResponseUrl(id, req, res);
    } else if (area === 'upload') {
      await handleUpload(id, req, res);
    } else {
      sendJson(res, 404, { ok: false, error: 'unknown_method' });
    }
  });
  const origin = listening.origin;

  return {
    apiUrl: `${origin}/api/`,
    identity,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    waitFor(match, { timeoutMs = 5000 } = {}) {
      const matches = typeof match === 'string' ? (call: SlackCall) => call.method === match : match;
      const seen = calls.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise<SlackCall>((resolve, reject) => {
        const waiter = (call: SlackCall) => {
          if (!matches(call)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(call);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const methods = calls.map((call) => call.method).join(', ') || 'none';
          reject(new Error(`fake Slack: no matching call within ${timeoutMs} ms; calls so far: ${methods}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    newResponseUrl(target = {}) {
      responseUrlCount += 1;
      const id = `R${responseUrlCount}`;
      responseUrls.set(id, target);
      return `${origin}/response/${id}`;
    },
    messages: (channel) => workspace.channelView(channel),
    thread: (channel, threadTs) => workspace.thread(channel, threadTs),
    seedMessage(message) {
      workspace.store(message);
    },
    enableSocketMode(link) {
      socketModeLink = link;
    },
    setPerson(userId, person) {
      workspace.people.set(userId, person);
    },
    setScopes(scopes) {
      workspace.scopes = [...scopes];
    },
    refuseBlockTypes(types) {
      workspace.refusedBlockTypes = new Set(types);
    },
    oauth,
    reset() {
      oauth.reset();
      calls.length = 0;
      failures.clear();
      responseUrls.clear();
      workspace = newWorkspace();
    },
    close: () => listening.close(),
  };
}
