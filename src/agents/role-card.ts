// The lines the app adds after an agent's own prompt: its tools, their limits and whom it may hand work
// to in this run. The tool list it is offered is shared with other agents (see offer.ts), so this card,
// generated from the catalog the code enforces, is where each agent learns which of those are its own.
import { agentSpec, delegatesInRoute, type AgentName, type RouteName } from '../domain/agents.ts';

export interface RoleCardContext {
  route: RouteName;
  /** False while the run's stored phases hand the work on, so this step must not delegate. */
  delegation: boolean;
}

function delegationLine(agent: AgentName, context: RoleCardContext): string {
  const spec = agentSpec(agent);
  if (!spec.tools.includes('delegate')) return '*Delegation* — none: you return your deliverable to whoever gave you the task.';
  if (!context.delegation) return '*Delegation* — not in this step: the app hands the work on, so do not call `delegate`.';
  const targets = delegatesInRoute(agent, context.route);
  if (targets.length === 0) return `*Delegation* — none in the ${context.route} route.`;
  return `*Delegation* — \`delegate\` to ${targets.join(', ')} (the ${context.route} route loads these).`;
}

export function roleCard(agent: AgentName, context: RoleCardContext): string {
  const spec = agentSpec(agent);
  const limits = Object.entries(spec.restrictions).map(([tool, restriction]) => `• \`${tool}\`: ${restriction.note}`);
  return [
    `*Your role card* — ${agent}`,
    `*Your tools* — ${spec.tools.map((tool) => `\`${tool}\``).join(', ')}. Any other tool in the list belongs to another agent and is refused.`,
    ...(limits.length > 0 ? ['*Limits*', ...limits] : []),
    delegationLine(agent, context),
  ].join('\n');
}
