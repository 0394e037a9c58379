// The tool definitions an agent is offered: its allow-list only, in catalog order, with `delegate`
// narrowed to the targets its route loads (a manager whose route loads none is not offered it).
import { agentSpec, delegatesInRoute, type AgentName, type RouteName } from '../domain/agents.ts';
import type { ToolDefinition } from '../llm/model.ts';
import { askDefinition, delegateDefinition } from './special-tools.ts';
import { toolDefinition } from './tools/registry.ts';

export function offeredTools(agent: AgentName, route: RouteName): ToolDefinition[] {
  return agentSpec(agent).tools.flatMap((name) => {
    if (name === 'delegate') return delegatesInRoute(agent, route).length > 0 ? [delegateDefinition(agent, route)] : [];
    if (name === 'ask_in_thread') return [askDefinition];
    return [toolDefinition(name)];
  });
}
