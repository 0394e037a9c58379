// Runs end to end with an instantly answering fake model: mention → first visible feedback, mention →
// plan posted, the cached share of input tokens (usage from the PromptCache model), and duplicate
// runs when every mention is delivered three times.
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET, startHarness, type Harness } from '../test/support/app-harness.ts';
import { callTool, COMPLETE_REQUIREMENTS, say, scriptAgents, toolResults, verdict, type AgentScript } from '../test/support/claude-scripts.ts';
import { startFakeClaude, type FakeClaude } from '../test/support/fake-claude.ts';
import type { FakeSlack, SlackCall } from '../test/support/fake-slack.ts';
import { appMention, blockAction, eventCallback, postToSlackApp } from '../test/support/slack-requests.ts';
import { PromptCache } from './prompt-cache.ts';
import { percentile } from './stats.ts';

export interface RunFigures {
  runs: number;
  feedbackMs: { p50: number; max: number };
  planMs: { p50: number; max: number };
  /** cache reads / all input tokens, on the first run after start and over the runs after it. */
  cachedShare: { cold: number; warm: number };
  duplicates: { deliveries: number; mentions: number; extraRuns: number; extraRouteReplies: number };
}

const TEAM = 'T0OHMYMKT';
const approveButton = (call: SlackCall) =>
  (call.args['blocks'] as Array<{ elements?: Array<{ action_id?: string; value?: string }> }> | undefined)
    ?.flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'ohmymkt:plan:approve');

/** The canonical planned path of test/scenarios/planned.test.ts, without its rejection. */
const PLANNED: Record<string, AgentScript> = {
  'growth-manager': () => say('Objective framed: a Q1 launch with a committed budget. Handing to requirements-analyst.'),
  'requirements-analyst': (request) =>
    toolResults(request).length > 0 ? say('Requirements written for PLAN-1.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS }),
  'plan-reviewer': () => say(verdict([true, true, true, true, true, true])),
  'execution-manager': (request) =>
    toolResults(request).length === 0
      ? callTool('delegate', { agent: 'research-agent', task: 'Profile the three main competitors for the launch.' })
      : say('Sequenced: research first, then the launch posts.'),
  'research-agent': () => say('Competitor brief: A leads on price, B on integrations, C on support.'),
};

/** Every scripted turn carries the usage the API would report for its request. */
function withCacheUsage(claude: FakeClaude, cache: PromptCache): void {
  const measured = Object.entries(PLANNED).map(([agent, script]): [string, AgentScript] => [
    agent,
    (request, call) => {
      const turn = script(request, call);
      return 'content' in turn ? { ...turn, usage: cache.usage(request) } : turn;
    },
  ]);
  scriptAgents(claude, Object.fromEntries(measured));
}

async function cachedShare(h: Harness, channel: string, threadTs: string): Promise<{ read: number; all: number }> {
  const calls = await h.app.services.repos.agentCalls.listRun({ teamId: TEAM, channelId: channel }, `${TEAM}:${channel}:${threadTs}`);
  const read = calls.reduce((sum, c) => sum + c.usage.cacheReadTokens, 0);
  const all = calls.reduce((sum, c) => sum + c.usage.inputTokens + c.usage.cacheReadTokens + c.usage.cacheWriteTokens, 0);
  return { read, all };
}

/** One planned run in its own channel (plan ids are per program): timed to the plan, then approved to the end. */
async function plannedRun(h: Harness, slack: FakeSlack, channel: string): Promise<{ feedback: number; plan: number; threadTs: string }> {
  const threadTs = freshTs();
  const inThread = (c: SlackCall) => c.args['thread_ts'] === threadTs || (c.method === 'reactions.add' && c.args['timestamp'] === threadTs);
  const started = performance.now();
  const seen = (match: (c: SlackCall) => boolean) => slack.waitFor(match, { timeoutMs: 30_000 }).then(() => performance.now() - started);
  const feedback = seen((c) => inThread(c) && (c.method === 'reactions.add' || c.method === 'chat.postMessage'));
  const plan = seen((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === threadTs && approveButton(c) !== undefined);
  const event = eventCallback({ event: appMention({ channel, user: PERSON, text: '<@U0OHMYBOT> plan our Q1 launch with a $50,000 budget', ts: threadTs }) });
  await postToSlackApp(h.url, SIGNING_SECRET, event);
  const figures = { feedback: await feedback, plan: await plan, threadTs };
  await h.settle();
  const planPost = slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === threadTs && approveButton(c));
  const value = planPost && approveButton(planPost)?.value;
  if (!planPost || !value) throw new Error(`no plan to approve in ${channel}`);
  await h.post(blockAction({ actionId: 'ohmymkt:plan:approve', value, userId: PERSON, channelId: channel, messageTs: String(planPost.response['ts']), threadTs }));
  return figures;
}

export async function runFigures(slack: FakeSlack, runs: number, duplicatedMentions: number): Promise<RunFigures> {
  const claude = await startFakeClaude();
  const h = await startHarness({ slack, env: { ANTHROPIC_API_KEY: 'sk-ant-bench-key', ANTHROPIC_BASE_URL: claude.baseUrl } });
  try {
    withCacheUsage(claude, new PromptCache());
    const timings: Array<{ feedback: number; plan: number }> = [];
    const shares: Array<{ read: number; all: number }> = [];
    for (let i = 0; i < runs; i += 1) {
      const channel = `C0BENCH${String(i).padStart(4, '0')}`;
      const run = await plannedRun(h, slack, channel);
      timings.push(run);
      shares.push(await cachedShare(h, channel, run.threadTs));
    }
    const [cold, ...warm] = shares;
    const ratio = (s: Array<{ read: number; all: number }>) => s.reduce((a, b) => a + b.read, 0) / s.reduce((a, b) => a + b.all, 0);

    const threads = Array.from({ length: duplicatedMentions }, () => freshTs());
    await Promise.all(threads.map(async (ts, i) => {
      const event = eventCallback({ eventId: `Ev0DUP${String(i).padStart(6, '0')}`, event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> plan our Q1 launch with a $50,000 budget', ts }) });
      await Promise.all([0, 1, 2].map((retryNum) => postToSlackApp(h.url, SIGNING_SECRET, event, retryNum ? { retryNum, retryReason: 'http_timeout' } : {})));
    }));
    await h.settle();
    const stored = await h.app.services.repos.runs.ofProgram({ teamId: TEAM, channelId: CHANNEL });
    const routeReplies = slack.callsOf('chat.postMessage').filter((c) => threads.includes(String(c.args['thread_ts'])) && /Route:/.test(String(c.args['text'])));
    return {
      runs,
      feedbackMs: { p50: percentile(timings.map((t) => t.feedback), 50), max: Math.max(...timings.map((t) => t.feedback)) },
      planMs: { p50: percentile(timings.map((t) => t.plan), 50), max: Math.max(...timings.map((t) => t.plan)) },
      cachedShare: { cold: cold ? ratio([cold]) : Number.NaN, warm: ratio(warm) },
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
