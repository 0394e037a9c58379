// What a run cost: each model call is stored with its prompt, model, usage and price; totals are read
// back per run, overall and per agent.
import { addUsage, emptyUsage, type ModelTurn, type Usage } from '../llm/model.ts';
import { costUsd } from '../llm/pricing.ts';
import type { ProgramRef } from '../domain/program.ts';
import type { AgentCall } from '../store/repos/agent-calls.ts';
import type { Repositories } from '../store/repos/index.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { AgentName } from '../domain/agents.ts';
import type { LoadedPrompt } from './prompts.ts';

export interface CallRecord {
  program: ProgramRef;
  runId: string;
  agent: AgentName;
  step: number;
  depth: number;
  /** The two prompt files behind the system prompt: the team's, then the agent's own. */
  prompts: { team: LoadedPrompt; agent: LoadedPrompt };
  turn: ModelTurn;
  durationMs: number;
  at: Date;
}

/** Stores one model call with what it cost at `deps.prices` (null when its model's price is unknown). */
export async function recordCall(deps: Pick<ServiceDeps, 'repos' | 'prices'>, record: CallRecord): Promise<void> {
  await deps.repos.agentCalls.append(record.program, {
    runId: record.runId,
    agent: record.agent,
    step: record.step,
    depth: record.depth,
    promptVersion: record.prompts.agent.version,
    promptSha256: record.prompts.agent.sha256,
    teamPromptVersion: record.prompts.team.version,
    teamPromptSha256: record.prompts.team.sha256,
    model: record.turn.model,
    usage: record.turn.usage,
    costUsd: costUsd(record.turn.model, record.turn.usage, { prices: deps.prices }) ?? null,
    stopReason: record.turn.stopReason,
    durationMs: record.durationMs,
    at: record.at,
  });
}

export interface UsageTotals {
  calls: number;
  usage: Usage;
  /** Dollars of the calls whose model price is known. */
  costUsd: number;
  /** Calls left out of `costUsd` because their model's price is unknown. */
  unpricedCalls: number;
}

function totalsOf(calls: AgentCall[]): UsageTotals {
  return calls.reduce<UsageTotals>(
    (sum, call) => ({
      calls: sum.calls + 1,
      usage: addUsage(sum.usage, call.usage),
      costUsd: sum.costUsd + (call.costUsd ?? 0),
      unpricedCalls: sum.unpricedCalls + (call.costUsd === null ? 1 : 0),
    }),
    { calls: 0, usage: emptyUsage(), costUsd: 0, unpricedCalls: 0 },
  );
}

export interface RunUsage extends UsageTotals {
  byAgent: Record<string, UsageTotals>;
}

export async function runUsage(repos: Pick<Repositories, 'agentCalls'>, program: ProgramRef, runId: string): Promise<RunUsage> {
  const calls = await repos.agentCalls.listRun(program, runId);
  const agents = [...new Set(calls.map((call) => call.agent))];
  const byAgent = Object.fromEntries(agents.map((agent) => [agent, totalsOf(calls.filter((call) => call.agent === agent))]));
  return { ...totalsOf(calls), byAgent };
}
