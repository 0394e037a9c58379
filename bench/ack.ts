// Ack latency at a fixed request rate, for events, commands and actions: ohmymkt (`src/main.ts`, its
// real listeners and the work they hand over) beside a bare Bolt app with one trivial listener per kind,
// the floor. Each app runs in its own process, as in production, and so does the fake Slack it calls
// after acking; this process only sends the load and times it, so nothing of the rig shares an event
// loop with an app or weighs on one app's timings only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET } from '../test/support/app-harness.ts';
import { childEnv, freePort, spawnApp, type ChildApp } from '../test/support/child-app.ts';
import { blockAction, eventCallback, postToSlackApp, slashCommand, threadMessage } from '../test/support/slack-requests.ts';
import { atFixedRate, percentile } from './stats.ts';

export const KINDS = ['event', 'command', 'action'] as const;
export type Kind = (typeof KINDS)[number];
type App = 'ohmymkt' | 'bolt';

export interface AckFigures {
  /** Requests a second to each app. */
  rate: number;
  /** Samples per app and kind. */
  count: number;
  /** p50 and p99 in ms, per app and kind. */
  ohmymkt: Record<Kind, { p50: number; p99: number }>;
  bolt: Record<Kind, { p50: number; p99: number }>;
}

/** Signed bodies as Slack sends them: a person's thread reply, `/ohmymkt status`, a Cancel click. */
function request(kind: Kind, slack: RemoteSlack): Record<string, unknown> {
  if (kind === 'event') return eventCallback({ event: threadMessage({ channel: CHANNEL, user: PERSON, text: 'sounds good, go ahead', ts: freshTs(), threadTs: freshTs() }) });
  if (kind === 'command') return slashCommand({ text: 'status', userId: PERSON, channelId: CHANNEL, responseUrl: slack.nextResponseUrl() });
  return blockAction({ actionId: 'ohmymkt:run:cancel', value: JSON.stringify({ threadTs: freshTs() }), userId: PERSON, channelId: CHANNEL, messageTs: freshTs() });
}

interface RemoteSlack {
  apiUrl: string;
  nextResponseUrl(): string;
  stop(): Promise<void>;
}

async function startSlackProcess(responseUrls: number): Promise<RemoteSlack> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-slack-process.ts', String(responseUrls)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  while (!buffered.includes('\n')) {
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    buffered += chunk.toString('utf8');
  }
  const ready = JSON.parse(buffered.slice(0, buffered.indexOf('\n'))) as { apiUrl: string; responseUrls: string[] };
  return {
    apiUrl: ready.apiUrl,
    nextResponseUrl() {
      const url = ready.responseUrls.pop();
      if (url === undefined) throw new Error('the fake Slack process ran out of response URLs');
      return url;
    },
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    },
  };
}

function started(app: ChildApp): string {
  if (app.process.exitCode !== null) throw new Error(`an app under test did not start:\n${app.output.slice(-10).join('\n')}`);
  return `${app.origin}/slack/events`;
}

/**
 * One open-loop stream alternating the two apps request by request, each at `rate`: a p99 is a handful
 * of samples, so a noisy moment on a shared machine must land on both apps alike, not on one.
 */
async function measurePair(urls: Record<App, string>, slack: RemoteSlack, kind: Kind, rate: number, count: number): Promise<Record<App, number[]>> {
  const order: App[] = ['bolt', 'ohmymkt'];
  const samples = await atFixedRate(2 * count, 2 * rate, async (i) => {
    const app = order[i % 2] as App;
    const started = performance.now();
    const response = await postToSlackApp(urls[app], SIGNING_SECRET, request(kind, slack));
    if (response.status !== 200) throw new Error(`${app} answered a ${kind} with ${response.status}: ${response.text.slice(0, 200)}`);
    return { app, ms: performance.now() - started };
  });
  return {
    bolt: samples.filter((s) => s.app === 'bolt').map((s) => s.ms),
    ohmymkt: samples.filter((s) => s.app === 'ohmymkt').map((s) => s.ms),
  };
}

const summary = (samples: number[]) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) });

export async function ackLatency(rate: number, count: number): Promise<AckFigures> {
  const figures: AckFigures = { rate, count, ohmymkt: {} as AckFigures['ohmymkt'], bolt: {} as AckFigures['bolt'] };
  // Enough response URLs for every command the section sends to both apps, warm-ups included.
  const slack = await startSlackProcess(3 * count);
  const dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-bench-ack-'));
  const ours = await spawnApp(childEnv(slack.apiUrl, dataDir, await freePort()));
  const bare = await spawnApp(childEnv(slack.apiUrl, dataDir, await freePort()), 'bench/bare-bolt.ts');
  try {
    const urls = { ohmymkt: started(ours), bolt: started(bare) };
    for (const kind of KINDS) {
      // Warm-up first: JIT, connection pools, lazily opened collections.
      await measurePair(urls, slack, kind, rate, Math.ceil(count / 10));
      const samples = await measurePair(urls, slack, kind, rate, count);
      figures.bolt[kind] = summary(samples.bolt);
      figures.ohmymkt[kind] = summary(samples.ohmymkt);
    }
  } finally {
    await Promise.all([ours.kill('SIGTERM'), bare.kill('SIGTERM')]);
    await slack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return figures;
}
