// manifest.yml, the listeners and the Web API calls in src/ must agree: every command and event Slack is
// told to send has a listener, every listener's surface is declared (or Slack would never deliver it), the
// bot holds a scope for every method src/ calls and no scope nothing needs, and Slack accepts the manifest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LogLevel, WebClient, type AppsManifestValidateArguments, type AppsManifestValidateResponse, type WebAPIPlatformError } from '@slack/web-api';
import { COMMAND } from '../src/slack/ids.ts';
import { BOT_SCOPES, REDIRECT_PATH } from '../src/slack/oauth/options.ts';
import { startFakeSlack, type FakeSlack } from './support/fake-slack.ts';
import { botScopesOf, manifestErrors, repoManifest, undeliveredEvents } from './support/fake-slack-manifest.ts';

const manifest = await readFile(new URL('../manifest.yml', import.meta.url), 'utf8');
const listeners = await Promise.all(
  ['mention.ts', 'command.ts', 'actions.ts', 'uninstall.ts', 'home.ts', 'onboarding.ts'].map((file) => readFile(new URL(`../src/slack/listeners/${file}`, import.meta.url), 'utf8')),
);
const source = listeners.join('\n');

function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  assert.ok(start >= 0, `manifest has no ${key}`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+(\S+)/.exec(line);
    if (!item) break;
    items.push(item[1] as string);
  }
  return items;
}

test('the slash command in the manifest is the one the app listens to', () => {
  const commands = [...manifest.matchAll(/-\s+command:\s+(\S+)/g)].map((m) => m[1]);
  assert.deepEqual(commands, [COMMAND]);
  assert.match(source, /app\.command\(COMMAND\b/);
});

test('every bot event in the manifest has a listener, and thread replies are subscribed', () => {
  const events = listUnder('bot_events');
  assert.ok(events.includes('app_mention'));
  assert.match(source, /app\.event\('app_mention'/);
  const messageEvents = events.filter((e) => e.startsWith('message.'));
  assert.ok(messageEvents.length > 0, 'thread replies need message.* events');
  assert.match(source, /app\.message\(/);
  // OAuth mode: an uninstall or a revoked bot token removes the workspace's installation.
  const lifecycle = ['app_uninstalled', 'tokens_revoked'];
  // App Home and the welcome when ohmymkt is added to a channel.
  const surfaces = ['app_home_opened', 'member_joined_channel'];
  for (const event of [...lifecycle, ...surfaces]) assert.match(source, new RegExp(`app\\.event\\('${event}'`));
  assert.deepEqual(events.filter((e) => e !== 'app_mention' && !e.startsWith('message.') && !lifecycle.includes(e) && !surfaces.includes(e)), []);
});

test('the Home tab the app publishes is enabled, and every event it listens to is delivered in public and private channels', () => {
  assert.match(readFileSync(new URL('../src/slack/home.ts', import.meta.url), 'utf8'), /views\.publish\(/);
  assert.equal(repoManifest()['features']['app_home']['home_tab_enabled'], true);
  assert.deepEqual(undeliveredEvents(repoManifest()), []);
});

test('an OAuth install asks for exactly the manifest\'s bot scopes and returns to the path Bolt serves', () => {
  assert.deepEqual([...BOT_SCOPES], botScopesOf(repoManifest()));
  const redirects: string[] = repoManifest()['oauth_config']['redirect_urls'];
  assert.ok(redirects.length > 0 && redirects.every((url) => new URL(url).pathname === REDIRECT_PATH), redirects.join(', '));
});

// WebClient helpers that are not API methods themselves, and the methods they call (web-api's WebClient.js:
// filesUploadV2 → files.getUploadURLExternal, then files.completeUploadExternal).
const HELPERS: Record<string, string[]> = {
  filesUploadV2: ['files.getUploadURLExternal', 'files.completeUploadExternal'],
};
// Calls src/ makes without naming them: Bolt's App.init checks the single bot token with auth.test.
const IMPLICIT = ['auth.test'];

// The probes below send calls without their arguments on purpose; the WebClient's warnings about that are noise.
const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
const webClient = (token: string, slackApiUrl: string) => new WebClient(token, { slackApiUrl, retryConfig: { retries: 0 }, logger: quiet });

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

/**
 * Every Web API method src/ calls: `client.<ns>.<method>(` where the path is a function of a real WebClient
 * (so a MongoClient's or the Anthropic client's calls are not counted), `.apiCall('x.y'`, and the helpers above.
 */
async function methodsSrcCalls(): Promise<string[]> {
  const web = new WebClient() as unknown as Record<string, unknown>;
  const resolve = (path: string) => path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], web);
  const found = new Set(IMPLICIT);
  for (const file of await sourceFiles(fileURLToPath(new URL('../src/', import.meta.url)))) {
    const text = await readFile(file, 'utf8');
    for (const [, path] of text.matchAll(/\bclient\.([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)\(/g)) {
      if (typeof resolve(path as string) !== 'function') continue;
      const helper = HELPERS[path as string];
      if (helper) helper.forEach((m) => found.add(m));
      else if (path?.includes('.')) found.add(path);
      else assert.fail(`${file} calls WebClient.${path}(); add the API methods it calls to HELPERS in test/manifest.test.ts`);
    }
    for (const [, method] of text.matchAll(/\.apiCall\(\s*['"`]([A-Za-z0-9.]+)['"`]/g)) found.add(method as string);
  }
  return [...found].sort();
}

/**
 * Whether src/slack/ posts under another name or icon: an `icon_emoji`, `icon_url` or `username` key in the code
 * (agents speak as themselves), which chat.postMessage accepts only with chat:write.customize.
 */
async function srcCustomizesIdentity(): Promise<boolean> {
  // src/slack/ only: the terminal sandbox's payloads name people's usernames, which is not posting as anyone.
  for (const file of await sourceFiles(fileURLToPath(new URL('../src/slack/', import.meta.url)))) {
    if (/\b(icon_emoji|icon_url|username)\s*:/.test(await readFile(file, 'utf8'))) return true;
  }
  return false;
}

describe('the bot scopes and the Web API calls in src/', () => {
  let methods: string[];
  let customizes: boolean;
  let slack: FakeSlack;
  before(async () => {
    methods = await methodsSrcCalls();
    customizes = await srcCustomizesIdentity();
  });
  after(() => slack?.close());

  /** Slack's error for a bot-token call of `method` in a channel, when the token holds exactly `scopes`. */
  async function scopeErrors(scopes: string[]): Promise<string[]> {
    await slack?.close();
    slack = await startFakeSlack({ scopes });
    const client = webClient('xoxb-test-token', slack.apiUrl);
    const refused: string[] = [];
    // The app works in public (C…) and private (G…) channels: message.channels and message.groups.
    for (const method of methods) {
      for (const channel of ['C0PROGRAM1', 'G0PROGRAM2']) {
        const error = await client.apiCall(method, { channel, channel_id: channel }).then(
          () => undefined,
          (e: WebAPIPlatformError) => e.data?.error,
        );
        if (error === 'missing_scope') refused.push(`${method} in ${channel}`);
      }
    }
    if (customizes) {
      const identity = { channel: 'C0PROGRAM1', text: 'probe', username: 'growth-manager · ohmymkt', icon_emoji: ':chart_with_upwards_trend:' };
      const error = await client.apiCall('chat.postMessage', identity).then(() => undefined, (e: WebAPIPlatformError) => e.data?.error);
      if (error === 'missing_scope') refused.push('chat.postMessage under an agent\'s name and icon');
    }
    return refused;
  }

  test('the methods are found, and the fake Slack serves each of them', async () => {
    for (const method of ['chat.postMessage', 'chat.update', 'reactions.add', 'views.open', 'files.completeUploadExternal']) {
      assert.ok(methods.includes(method), `${method} not found in src/: ${methods.join(', ')}`);
    }
    const fake = await startFakeSlack();
    const client = webClient('xoxb-test-token', fake.apiUrl);
    for (const method of methods) {
      const error = await client.apiCall(method, {}).then(() => undefined, (e: WebAPIPlatformError) => e.data?.error);
      assert.notEqual(error, 'unknown_method', `the fake Slack does not serve ${method}`);
    }
    await fake.close();
  });

  test('a bot installed from the manifest may call every method src/ calls', async () => {
    assert.deepEqual(await scopeErrors(botScopesOf(repoManifest())), []);
  });

  test('every scope in the manifest is needed by a call, an event or the slash command', async () => {
    const scopes = botScopesOf(repoManifest());
    const problems = async (bot: string[]) => {
      const manifest = repoManifest();
      manifest['oauth_config']['scopes']['bot'] = bot;
      return (await scopeErrors(bot)).length + manifestErrors(manifest).length + undeliveredEvents(manifest).length;
    };
    const baseline = await problems(scopes);
    for (const scope of scopes) {
      const needed = (await problems(scopes.filter((s) => s !== scope))) > baseline;
      assert.ok(needed, `nothing needs ${scope}: drop it from manifest.yml`);
    }
  });
});

test('Slack accepts the manifest (apps.manifest.validate, app configuration token)', async () => {
  const slack = await startFakeSlack();
  const client = webClient('xoxe.xoxp-1-config-token', slack.apiUrl);
  const manifest = repoManifest() as AppsManifestValidateArguments['manifest'];
  const answer: AppsManifestValidateResponse = await client.apps.manifest.validate({ manifest }).catch((e: WebAPIPlatformError) => e.data);
  await slack.close();
  assert.deepEqual(answer.errors ?? [], []);
  assert.equal(answer.ok, true);
});

test('interactivity is on, for Approve / Reject and the modals', () => {
  assert.match(manifest, /interactivity:\s*\n\s+is_enabled: true/);
});
