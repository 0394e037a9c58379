// What a run cost, for its closing report: every model call stored for the run (agents/usage.ts), as
// tokens, the share of input served from the prompt cache, and dollars at the configured prices.
import { runUsage } from '../agents/usage.ts';
import type { ProgramRef } from '../domain/program.ts';
import type { Repositories } from '../store/repos/index.ts';
import type { RunCost } from './ports.ts';

export async function runCost(repos: Pick<Repositories, 'agentCalls'>, program: ProgramRef, runId: string): Promise<RunCost> {
  const totals = await runUsage(repos, program, runId);
  const { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } = totals.usage;
  // The API reports uncached input, cache reads and cache writes apart; all three are what was sent.
  const sent = inputTokens + cacheReadTokens + cacheWriteTokens;
  return {
    inputTokens: sent,
    outputTokens,
    cachedShare: sent === 0 ? 0 : cacheReadTokens / sent,
    // Unknown when no call could be priced; a partial sum is shown with how many calls it leaves out.
    costUsd: totals.calls > 0 && totals.unpricedCalls === totals.calls ? null : totals.costUsd,
    unpricedCalls: totals.unpricedCalls,
  };
}
