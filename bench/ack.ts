// Ack latency at a fixed request rate, for events, commands and actions: ohmymkt (its real listeners
// and their handed-over work) beside a bare Bolt app with one trivial listener per kind, the floor.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET, startHarness } from '../test/support/app-harness.ts';
import type { FakeSlack } from '../test/support/fake-slack.ts';
import { blockAction, eventCallback, postToSlackApp, slashCommand, threadMessage } from '../test/support/slack-requests.ts';
import { atFixedRate, percentile } from './stats.ts';

export const KINDS = ['event', 'command', 'action'] as const;
export type Kind = (typeof KINDS)[number];

export interface AckFigures {
  rate: number;
  /** Samples per app and kind: `rounds` rounds of `count / rounds`, pooled. */
  count: number;
  rounds: number;
  /** p50 and p99 in ms, per app and kind. */
  ohmymkt: Record<Kind, { p50: number; p99: number }>;
  bolt: Record<Kind, { p50: number; p99: number }>;
}

/** Signed bodies as Slack sends them: a person's thread reply, `/ohmymkt status`, a Cancel click. */
function request(kind: Kind, slack: FakeSlack): Record<string, unknown> {
  if (kind === 'event') return eventCallback({ event: threadMessage({ channel: CHANNEL, user: PERSON, text: 'sounds good, go ahead', ts: freshTs(), threadTs: freshTs() }) });
  if (kind === 'command') return slashCommand({ text: 'status', userId: PERSON, channelId: CHANNEL, responseUrl: slack.newResponseUrl({ channel: CHANNEL }) });
  return blockAction({ actionId: 'ohmymkt:run:cancel', value: JSON.stringify({ threadTs: freshTs() }), userId: PERSON, channelId: CHANNEL, messageTs: freshTs() });
}

async function startBareBolt(slack: FakeSlack): Promise<{ url: string; stop(): Promise<void> }> {
  const app = new App({ token: 'xoxb-test-token', signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: slack.apiUrl } });
  app.event('message', async () => undefined);
  app.command('/ohmymkt', async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop() as Promise<void> };
}

async function measure(url: string, slack: FakeSlack, kind: Kind, rate: number, count: number): Promise<number[]> {
  const send = async () => {
    const started = performance.now();
    const response = await postToSlackApp(url, SIGNING_SECRET, request(kind, slack));
    if (response.status !== 200) throw new Error(`${kind} answered ${response.status}: ${response.text.slice(0, 200)}`);
    return performance.now() - started;
  };
  return atFixedRate(count, rate, send);
}

const summary = (samples: number[]) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) });

export async function ackLatency(slack: FakeSlack, rate: number, count: number, rounds: number): Promise<AckFigures> {
  const figures: AckFigures = { rate, count, rounds, ohmymkt: {} as AckFigures['ohmymkt'], bolt: {} as AckFigures['bolt'] };
  const h = await startHarness({ slack });
  const bare = await startBareBolt(slack);
  const perRound = Math.ceil(count / rounds);
  try {
    for (const kind of KINDS) {
      // Warm-up (JIT, connection pools, lazily opened collections), then short rounds alternating the
      // two apps: a p99 is a handful of samples, so one noisy second on a shared machine must not land
      // on one app only.
      await measure(bare.url, slack, kind, rate, Math.ceil(perRound / 4));
      await measure(h.url, slack, kind, rate, Math.ceil(perRound / 4));
      const samples = { bolt: [] as number[], ohmymkt: [] as number[] };
      for (let round = 0; round < rounds; round += 1) {
        samples.bolt.push(...(await measure(bare.url, slack, kind, rate, perRound)));
        samples.ohmymkt.push(...(await measure(h.url, slack, kind, rate, perRound)));
        await h.settle();
      }
      figures.bolt[kind] = summary(samples.bolt);
      figures.ohmymkt[kind] = summary(samples.ohmymkt);
    }
  } finally {
    await bare.stop();
    await h.stop();
  }
  return figures;
}
