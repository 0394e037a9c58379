// How each agent thinks and how much room its answer gets, chosen per role. Every agent runs with
// adaptive thinking and readable summaries: the 5.5 models put the notes they write between tool
// calls into thinking blocks, and `summarized` keeps those notes readable for the run's summaries
// (`omitted`, their default, would leave an empty block). Effort follows how much judgement the role
// needs. `maxTokens` holds the thinking and the longest answer together: a plan's requirements or a
// long draft come out as one tool input, so the writers get the most room.
import type { AgentName } from '../domain/agents.ts';
import type { Effort, ThinkingMode } from '../llm/model.ts';

export interface Reasoning {
  thinking: ThinkingMode;
  effort: Effort;
  maxTokens: number;
}

const SUMMARIZED: ThinkingMode = { type: 'adaptive', display: 'summarized' };

const reasoning = (effort: Effort, maxTokens: number): Reasoning => ({ thinking: SUMMARIZED, effort, maxTokens });

export const AGENT_REASONING: Readonly<Record<AgentName, Reasoning>> = {
  'growth-manager': reasoning('medium', 16_000),
  'requirements-analyst': reasoning('high', 32_000),
  'plan-reviewer': reasoning('high', 16_000),
  'execution-manager': reasoning('medium', 24_000),
  'research-agent': reasoning('medium', 16_000),
  'growth-analyst': reasoning('medium', 16_000),
  'content-writer': reasoning('medium', 32_000),
  'content-ops': reasoning('low', 16_000),
  'seo-engineer': reasoning('low', 16_000),
  'aeo-specialist': reasoning('low', 16_000),
};

/** The agent's setting, with the operator's `max_tokens` override when there is one. */
export function reasoningFor(agent: AgentName, maxTokensOverride: Readonly<Partial<Record<AgentName, number>>> = {}): Reasoning {
  const base = AGENT_REASONING[agent];
  const override = maxTokensOverride[agent];
  return override === undefined ? base : { ...base, maxTokens: override };
}
