// Which model each agent runs on: managers on the strong tier, specialists on the fast one, unless the
// operator names a model for one agent. Agents on the same model form one prompt-cache group.
import { AGENT_NAMES, agentSpec, type AgentName } from '../domain/agents.ts';

export interface AgentModels {
  strong: string;
  fast: string;
  perAgent?: Readonly<Record<string, string>>;
}

export function modelFor(models: AgentModels, agent: AgentName): string {
  return models.perAgent?.[agent] ?? (agentSpec(agent).modelTier === 'strong' ? models.strong : models.fast);
}

/** Every agent that runs on `model`, in catalog order. */
export function agentsOnModel(models: AgentModels, model: string): AgentName[] {
  return AGENT_NAMES.filter((agent) => modelFor(models, agent) === model);
}
