// Runs end to end with an instantly answering fake model: mention → first visible feedback, mention →
// plan posted, the cached share of input tokens over the canonical planned run (bench/canonical-run.ts:
// every agent follows its own prompt's order of work; usage from the PromptCache model), and duplicate
// runs when every mention is delivered three times.
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET, startHarness, type Harness } from '../test/support/app-harness.ts';
import { scriptAgents, type AgentScript } from '../test/support/claude-scripts.ts';
import { startFakeClaude, type FakeClaude } from '../test/support/fake-claude.ts';
import type { FakeSlack, SlackCall } from '../test/support/fake-slack.ts';
import { appMention, blockAction, eventCallback, postToSlackApp } from '../test/support/slack-requests.ts';
import { CALLS_PER_RUN, CANONICAL, REQUEST, toolErrors } from './canonical-run.ts';
import { PromptCache } from './prompt-cache.ts';
import { percentile } from './stats.ts';

export interface RunFigures {
  runs: number;
  /** Model calls of each canonical run (checked run by run). */
  modelCalls: number;
  feedbackMs: { p50: number; max: number };
  planMs: { p50: number; max: number };
  /** Cache reads / all input tokens of the canonical run: the first run after start, and the runs after it. */
  cachedShare: { cold: number; warm: number };
  /** What the canonical run's model calls cost at list prices (USD): the first run, and the mean of the others. */
  costUsd: { cold: number; warm: number };
  duplicates: { deliveries: number; mentions: number; extraRuns: number; extraRouteReplies: number };
}

const TEAM = 'T0OHMYMKT';
const approveButton = (call: SlackCall) =>
  (call.args['blocks'] as Array<{ elements?: Array<{ action_id?: string; value?: string }> }> | undefined)
    ?.flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'ohmymkt:plan:approve');

/**
 * Every scripted turn carries the usage the API would report for its request. Every tool result that
 * came back as an error is pushed to `toolFailures`, so a run whose calls were refused cannot pass as canonical.
 */
export function withCacheUsage(claude: FakeClaude, cache: PromptCache, toolFailures: string[]): void {
  const measured = Object.entries(CANONICAL).map(([agent, script]): [string, AgentScript] => [
    agent,
    (request, call) => {
      toolFailures.push(...toolErrors(request).map((error) => `${agent} ← ${error}`));
      const turn = script(request, call);
      return 'content' in turn ? { ...turn, usage: cache.usage(request) } : turn;
    },
  ]);
  scriptAgents(claude, Object.fromEntries(measured));
}

/** Throws, naming each tool and its error text, when any tool call of `what` came back as an error. */
export function assertNoToolErrors(toolFailures: string[], what: string): void {
  if (toolFailures.length === 0) return;
  throw new Error(`${what}: ${toolFailures.length} tool call(s) came back with is_error, so it is not the canonical run:\n${toolFailures.map((f) => `  ${f}`).join('\n')}`);
}

export async function cachedShare(h: Harness, channel: string, threadTs: string): Promise<{ read: number; all: number; calls: number; costUsd: number }> {
  const calls = await h.app.services.repos.agentCalls.listRun({ teamId: TEAM, channelId: channel }, `${TEAM}:${channel}:${threadTs}`);
  const read = calls.reduce((sum, c) => sum + c.usage.cacheReadTokens, 0);
  const all = calls.reduce((sum, c) => sum + c.usage.inputTokens + c.usage.cacheReadTokens + c.usage.cacheWriteTokens, 0);
  return { read, all, calls: calls.length, costUsd: calls.reduce((sum, c) => sum + (c.costUsd ?? Number.NaN), 0) };
}

/**
 * One planned run in its own channel (plan ids are per program): timed to the plan, then approved to the
 * end. `beforeApprove` runs while the plan waits for its click (the bench's person taking their time).
 */
export async function plannedRun(h: Harness, slack: FakeSlack, channel: string, beforeApprove?: () => void): Promise<{ feedback: number; plan: number; threadTs: string }> {
  const threadTs = freshTs();
  const inThread = (c: SlackCall) => c.args['thread_ts'] === threadTs || (c.method === 'reactions.add' && c.args['timestamp'] === threadTs);
  const started = performance.now();
  const seen = (match: (c: SlackCall) => boolean) => slack.waitFor(match, { timeoutMs: 30_000 }).then(() => performance.now() - started);
  const feedback = seen((c) => inThread(c) && (c.method === 'reactions.add' || c.method === 'chat.postMessage'));
  const plan = seen((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === threadTs && approveButton(c) !== undefined);
  const event = eventCallback({ event: appMention({ channel, user: PERSON, text: `<@U0OHMYBOT> ${REQUEST}`, ts: threadTs }) });
  await postToSlackApp(h.url, SIGNING_SECRET, event);
  const figures = { feedback: await feedback, plan: await plan, threadTs };
  await h.settle();
  const planPost = slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === threadTs && approveButton(c));
  const value = planPost && approveButton(planPost)?.value;
  if (!planPost || !value) throw new Error(`no plan to approve in ${channel}`);
  beforeApprove?.();
  await h.post(blockAction({ actionId: 'ohmymkt:plan:approve', value, userId: PERSON, channelId: channel, messageTs: String(planPost.response['ts']), threadTs }));
  return figures;
}

export async function runFigures(slack: FakeSlack, runs: number, duplicatedMentions: number): Promise<RunFigures> {
  const claude = await startFakeClaude();
  const h = await startHarness({ slack, env: { ANTHROPIC_API_KEY: 'sk-ant-bench-key', ANTHROPIC_BASE_URL: claude.baseUrl } });
  try {
    const toolFailures: string[] = [];
    withCacheUsage(claude, new PromptCache(), toolFailures);
    const timings: Array<{ feedback: number; plan: number }> = [];
    const shares: Array<{ read: number; all: number; calls: number; costUsd: number }> = [];
    for (let i = 0; i < runs; i += 1) {
      const channel = `C0BENCH${String(i).padStart(4, '0')}`;
      let run: Awaited<ReturnType<typeof plannedRun>>;
      try {
        run = await plannedRun(h, slack, channel);
      } finally {
        assertNoToolErrors(toolFailures, `planned run ${i + 1} (${channel})`);
      }
      timings.push(run);
      const share = await cachedShare(h, channel, run.threadTs);
      if (share.calls !== CALLS_PER_RUN) throw new Error(`planned run ${i + 1} (${channel}) made ${share.calls} model calls, the canonical run makes ${CALLS_PER_RUN}`);
      shares.push(share);
    }
    const [cold, ...warm] = shares;
    const ratio = (s: Array<{ read: number; all: number }>) => s.reduce((a, b) => a + b.read, 0) / s.reduce((a, b) => a + b.all, 0);

    const threads = Array.from({ length: duplicatedMentions }, () => freshTs());
    await Promise.all(threads.map(async (ts, i) => {
      const event = eventCallback({ eventId: `Ev0DUP${String(i).padStart(6, '0')}`, event: appMention({ channel: CHANNEL, user: PERSON, text: `<@U0OHMYBOT> ${REQUEST}`, ts }) });
      await Promise.all([0, 1, 2].map((retryNum) => postToSlackApp(h.url, SIGNING_SECRET, event, retryNum ? { retryNum, retryReason: 'http_timeout' } : {})));
    }));
    await h.settle();
    assertNoToolErrors(toolFailures, `${duplicatedMentions} duplicated mentions`);
    const stored = await h.app.services.repos.runs.ofProgram({ teamId: TEAM, channelId: CHANNEL });
    const routeReplies = slack.callsOf('chat.postMessage').filter((c) => threads.includes(String(c.args['thread_ts'])) && /Route:/.test(String(c.args['text'])));
    return {
      runs,
      modelCalls: CALLS_PER_RUN,
      feedbackMs: { p50: percentile(timings.map((t) => t.feedback), 50), max: Math.max(...timings.map((t) => t.feedback)) },
      planMs: { p50: percentile(timings.map((t) => t.plan), 50), max: Math.max(...timings.map((t) => t.plan)) },
      cachedShare: { cold: cold ? ratio([cold]) : Number.NaN, warm: ratio(warm) },
      costUsd: { cold: cold?.costUsd ?? Number.NaN, warm: warm.reduce((sum, s) => sum + s.costUsd, 0) / warm.length },
      duplicates: {
        deliveries: duplicatedMentions * 3,
        mentions: duplicatedMentions,
        extraRuns: stored.filter((r) => threads.includes(r.threadTs)).length - duplicatedMentions,
        extraRouteReplies: routeReplies.length - duplicatedMentions,
      },
    };
  } finally {
    await h.stop();
    await claude.close();
  }
}
