// Issue 18's context rows: what a canonical planned run sends on a fresh program and on one a year old;
// the largest request of a 60-tool-call run against the ceiling; and a planned run whose person takes ten
// minutes to click Approve, priced with the shared prefix cached for 5 minutes and for an hour. Usage is
// the PromptCache model's (bench/prompt-cache.ts), costs are what the app stored at list prices.
import { REQUEST_TOKEN_CEILING } from '../src/agents/context-budget.ts';
import type { CacheTtl } from '../src/llm/pricing.ts';
import { call, PROGRAM, startAgentHarness, useTools } from '../test/agents/harness.ts';
import { AGED, seedAgedProgram } from '../test/support/aged-program.ts';
import { startHarness } from '../test/support/app-harness.ts';
import { startFakeClaude } from '../test/support/fake-claude.ts';
import type { FakeSlack } from '../test/support/fake-slack.ts';
import { CALLS_PER_RUN } from './canonical-run.ts';
import { PromptCache } from './prompt-cache.ts';
import { assertNoToolErrors, cachedShare, plannedRun, withCacheUsage } from './runs.ts';

const TEAM = 'T0OHMYMKT';
const WAIT_MS = 10 * 60_000;
const LATER_MS = 30 * 60_000;

export interface RunCost {
  /** Every input token of the run: uncached, cache reads and cache writes. */
  inputTokens: number;
  costUsd: number;
}

export interface ContextFigures {
  fresh: RunCost;
  aged: RunCost & { seeded: typeof AGED };
  ratio: number;
  longRun: { toolCalls: number; requests: number; largestRequestTokens: number; ceiling: number; shortenedResults: number; outcome: string };
  wait: Record<CacheTtl, { cold: RunCost; warm: RunCost }> & { waitMinutes: number; laterMinutes: number };
}

/** One canonical planned run in `channel`, with what it cost; `beforeApprove` runs while the plan waits. */
async function measuredRun(h: Awaited<ReturnType<typeof startHarness>>, slack: FakeSlack, channel: string, toolFailures: string[], beforeApprove?: () => void): Promise<RunCost> {
  const run = await plannedRun(h, slack, channel, beforeApprove);
  assertNoToolErrors(toolFailures, `planned run in ${channel}`);
  const usage = await cachedShare(h, channel, run.threadTs);
  if (usage.calls !== CALLS_PER_RUN) throw new Error(`the planned run in ${channel} made ${usage.calls} model calls, the canonical run makes ${CALLS_PER_RUN}`);
  return { inputTokens: usage.all, costUsd: usage.costUsd };
}

/** A warm-up run, then the canonical run on a fresh program and on one seeded with a year of history. */
async function freshVsAged(slack: FakeSlack): Promise<Pick<ContextFigures, 'fresh' | 'aged' | 'ratio'>> {
  const claude = await startFakeClaude();
  const h = await startHarness({ slack, env: { ANTHROPIC_API_KEY: 'sk-ant-bench-key', ANTHROPIC_BASE_URL: claude.baseUrl } });
  try {
    const toolFailures: string[] = [];
    withCacheUsage(claude, new PromptCache(), toolFailures);
    await measuredRun(h, slack, 'C0CTXWARM', toolFailures);
    const fresh = await measuredRun(h, slack, 'C0CTXFRESH', toolFailures);
    await seedAgedProgram(h.app.services, { teamId: TEAM, channelId: 'C0CTXAGED' }, new Date());
    const aged = await measuredRun(h, slack, 'C0CTXAGED', toolFailures);
    return { fresh, aged: { ...aged, seeded: AGED }, ratio: aged.inputTokens / fresh.inputTokens };
  } finally {
    await h.stop();
    await claude.close();
  }
}

/** execution-manager on the aged program makes six reads a turn for ten turns, each asking for the most it may. */
async function sixtyToolCalls(): Promise<ContextFigures['longRun']> {
  const h = await startAgentHarness();
  try {
    await seedAgedProgram(h.services, PROGRAM, new Date('2025-06-01T09:00:00Z'));
    const cache = new PromptCache();
    // What a thorough agent reads: overviews, pages further back, single items in full, and one
    // oversized page a turn (25 plans with their goals), which the ceiling has to cut.
    const reads = (turn: number) => [
      { parts: ['cycles', 'incidents', 'assets', 'plans', 'sprint_board'] },
      { parts: ['research', 'competitors', 'positioning', 'gates', 'metrics', 'execution'] },
      { parts: ['plans'], id: `PLAN-${(turn % AGED.plans) + 1}` },
      { parts: ['incidents'], before: `INC-${AGED.incidents - 5 * turn}` },
      { parts: ['cycles'], id: `CYC-${turn * 6}` },
      { parts: ['assets', 'incidents', 'cycles'], limit: 25 },
    ];
    let turn = 0;
    h.claude.setResponder((body) => {
      turn += 1;
      const usage = cache.usage(body);
      if (turn > 10) return { content: [{ type: 'text', text: 'Read what there is; nothing blocks the next cycle.' }], stop_reason: 'end_turn', usage };
      return { ...useTools(...reads(turn).map((input, i) => call('ohmymkt_read_state', input, `toolu_t${turn}_${i}`))), usage };
    });
    const outcome = await h.run('execution-manager', 'Review the whole program before the quarterly cycle: every list, several pages back.');
    const sizes = h.claude.requests.map((request) => {
      const usage = cache.usage(request.body);
      return (usage.input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
    });
    const results = h.claude.requests.at(-1)?.body['messages'].flatMap((m: { content: unknown }) => (Array.isArray(m.content) ? m.content : [])).filter((b: { type: string }) => b.type === 'tool_result') ?? [];
    return {
      toolCalls: results.length,
      requests: sizes.length,
      largestRequestTokens: Math.max(...sizes),
      ceiling: REQUEST_TOKEN_CEILING,
      shortenedResults: results.filter((b: { content: string }) => /…\[shortened|^\[withheld/.test(b.content)).length,
      outcome: outcome.kind,
    };
  } finally {
    await h.close();
  }
}

/**
 * The canonical run with a ten-minute wait for Approve at one TTL: from a cold cache (the first run
 * after start), and half an hour after another run in the same workspace (a team using it daily).
 */
async function waitForApprove(slack: FakeSlack, ttl: CacheTtl): Promise<{ cold: RunCost; warm: RunCost }> {
  const claude = await startFakeClaude();
  const h = await startHarness({ slack, env: { ANTHROPIC_API_KEY: 'sk-ant-bench-key', ANTHROPIC_BASE_URL: claude.baseUrl, OHMYMKT_CACHE_TTL: ttl } });
  try {
    let skipped = 0;
    const toolFailures: string[] = [];
    withCacheUsage(claude, new PromptCache(() => Date.now() + skipped), toolFailures);
    const wait = () => {
      skipped += WAIT_MS;
    };
    const cold = await measuredRun(h, slack, `C0WAITCOLD${ttl.toUpperCase()}`, toolFailures, wait);
    skipped += LATER_MS;
    const warm = await measuredRun(h, slack, `C0WAITWARM${ttl.toUpperCase()}`, toolFailures, wait);
    return { cold, warm };
  } finally {
    await h.stop();
    await claude.close();
  }
}

export async function contextFigures(slack: FakeSlack): Promise<ContextFigures> {
  const compared = await freshVsAged(slack);
  slack.reset();
  const longRun = await sixtyToolCalls();
  const five = await waitForApprove(slack, '5m');
  slack.reset();
  const hour = await waitForApprove(slack, '1h');
  slack.reset();
  return { ...compared, longRun, wait: { '5m': five, '1h': hour, waitMinutes: WAIT_MS / 60_000, laterMinutes: LATER_MS / 60_000 } };
}
