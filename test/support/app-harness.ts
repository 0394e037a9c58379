// Runs the real ohmymkt (real Bolt HTTP receiver, real WebClient, a real store) on loopback, with
// its Web API calls going to the fake Slack. Tests talk to it only through signed HTTP requests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { startOhmymkt, type Running } from '../../src/start.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import type { RetrySettings } from '../../src/llm/retry.ts';
import { FAST_RETRY } from './fake-claude.ts';
import { startFakeSlack, type FakeSlack, type SlackCall } from './fake-slack.ts';
import { appMention, eventCallback, postToSlackApp, slashCommand, type PostOptions, type SlackAppResponse } from './slack-requests.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const CHANNEL = 'C0PROGRAM1';
export const PERSON = 'U0PERSON01';

let tsSequence = 0;
/**
 * A message ts as Slack writes it: seconds, a dot, six digits; unique within the test run. The digits
 * count up from 500000 because the fake Slack numbers the app's own posts from 1 in the same second,
 * and a person's message must never share a ts with one of them.
 */
export function freshTs(): string {
  tsSequence += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(500_000 + (tsSequence % 500_000)).padStart(6, '0')}`;
}

export interface Harness {
  slack: FakeSlack;
  app: Running;
  url: string;
  dataDir: string;
  logs: string[];
  /** Sends `/ohmymkt <text>` and waits until the work it started has finished. */
  command(text: string, options?: { user?: string; channel?: string; triggerId?: string }): Promise<{ ack: SlackAppResponse; replies: SlackCall[] }>;
  mention(text: string, options?: { user?: string; channel?: string; eventId?: string; ts?: string } & PostOptions): Promise<SlackAppResponse>;
  post(body: Record<string, unknown>, options?: PostOptions): Promise<SlackAppResponse>;
  settle(): Promise<void>;
  /** Stops the app and starts a new one on the same data directory (or shared store). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: Clock;
  store?: DocumentStore;
  dataDir?: string;
  slack?: FakeSlack;
  /** How Claude's transient failures are waited out; FAST_RETRY by default. */
  claudeRetry?: Partial<RetrySettings>;
}

function configFor(slack: FakeSlack, dataDir: string, env: Record<string, string>): Config {
  return loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    OHMYMKT_DATA_DIR: dataDir,
    OHMYMKT_LOG_LEVEL: 'warn',
    // PERSON runs the channel in most tests (sets gates, resolves incidents); test/security starts
    // with no admins and proves the refusals.
    OHMYMKT_ADMINS: PERSON,
    ...env,
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const slack = options.slack ?? (await startFakeSlack());
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ohmymkt-test-')));
  const logs: string[] = [];
  const config = configFor(slack, dataDir, options.env ?? {});
  const boot = () =>
    startOhmymkt(config, {
      logger: createLogger(config.logLevel, (line) => logs.push(line)),
      host: '127.0.0.1',
      claudeRetry: options.claudeRetry ?? FAST_RETRY,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.store ? { store: options.store } : {}),
    });
  let app = await boot();
  const harness: Harness = {
    slack,
    get app() {
      return app;
    },
    get url() {
      return `http://127.0.0.1:${app.port}/slack/events`;
    },
    dataDir,
    logs,
    async settle() {
      await app.jobs.idle();
    },
    async post(body, postOptions) {
      const response = await postToSlackApp(harness.url, SIGNING_SECRET, body, postOptions);
      await app.jobs.idle();
      return response;
    },
    async command(text, commandOptions = {}) {
      const before = slack.calls.length;
      const responseUrl = slack.newResponseUrl({ channel: commandOptions.channel ?? CHANNEL });
      const ack = await harness.post(
        slashCommand({
          text,
          userId: commandOptions.user ?? PERSON,
          channelId: commandOptions.channel ?? CHANNEL,
          responseUrl,
          ...(commandOptions.triggerId ? { triggerId: commandOptions.triggerId } : {}),
        }),
      );
      return { ack, replies: slack.calls.slice(before) };
    },
    async mention(text, mentionOptions = {}) {
      const { user = PERSON, channel = CHANNEL, eventId, ts, ...postOptions } = mentionOptions;
      const event = appMention({ channel, user, text, ts: ts ?? freshTs() });
      return harness.post(eventCallback({ event, ...(eventId ? { eventId } : {}) }), postOptions);
    },
    async restart() {
      await app.stop();
      app = await boot();
    },
    async stop() {
      await app.stop();
      if (!options.slack) await slack.close();
      if (!options.dataDir && !options.store) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
