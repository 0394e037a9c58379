// The tool definitions offered to a group of agents: the union of their allow-lists, in catalog order.
// Every agent that runs on one model gets the same list, because the prompt cache is per model and the
// tools head its prefix: one list shared by the group is written once and read by every later call.
// Who may use what is enforced in code (the registry and the loop) and told on each agent's role card.
import { AGENT_NAMES, AGENTS, TOOL_NAMES, type AgentName, type AgentToolName } from '../domain/agents.ts';
import type { ToolDefinition } from '../llm/model.ts';
import { askDefinition, delegateDefinition, reviewDefinition } from './special-tools.ts';
import { toolDefinition } from './tools/registry.ts';

export function offeredTools(group: readonly AgentName[]): ToolDefinition[] {
  const granted = new Set<AgentToolName>(group.flatMap((agent) => AGENTS[agent].tools));
  const delegatedTo = new Set(group.flatMap((agent) => AGENTS[agent].delegatesTo));
  const targets = AGENT_NAMES.filter((agent) => delegatedTo.has(agent));
  return [
    ...TOOL_NAMES.filter((name) => granted.has(name)).map(toolDefinition),
    ...(granted.has('delegate') && targets.length > 0 ? [delegateDefinition(targets)] : []),
    ...(granted.has('ask_in_thread') ? [askDefinition] : []),
    ...(granted.has('submit_review') ? [reviewDefinition] : []),
  ];
}
