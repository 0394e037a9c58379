// The lines the app adds after an agent's own prompt: its tools, their limits and whom it may hand work
// to in this run. The tool list it is offered is shared with other agents (see offer.ts), so this card,
// generated from the catalog the code enforces, is where each agent learns which of those are its own.
import { agentSpec, DELEGATION_MATRIX, delegatesInRoute, type AgentName, type RouteName } from '../domain/agents.ts';
import type { Playbook } from '../domain/playbook.ts';

export interface RoleCardContext {
  route: RouteName;
  /** False while the run's stored phases hand the work on, so this step must not delegate. */
  delegation: boolean;
  /** The program's playbook: the card names its gates, KPIs and tracks, so no agent assumes another program's. */
  playbook?: Playbook;
}

/** The program's playbook in brief; the details (fields, values, tasks) come from the tools. */
export function playbookLines(book: Playbook): string[] {
  const kpis = book.kpis.map((kpi) => `\`${kpi.name}\` (${kpi.kind}, ${kpi.unit}${kpi.direction === 'down' ? ', lower is better' : ''})`);
  const tracks = book.tracks.map((track) => `${track.name} (${track.kind}: ${track.workstreams.join(', ')})`);
  return [
    `*This channel's playbook* — \`${book.name}\`: ${book.title}. Its gates, KPIs and tracks are the ones that count here.`,
    `• Gates (all must pass to start a campaign): ${book.gates.map((gate) => `\`${gate.name}\` (${gate.owner})`).join(', ')}.`,
    `• KPIs: ${kpis.join(', ')}.`,
    `• Tracks: ${tracks.join('; ')}.`,
  ];
}

function delegationLine(agent: AgentName, context: RoleCardContext): string {
  const spec = agentSpec(agent);
  if (!spec.tools.includes('delegate')) return '*Delegation* — none: you return your deliverable to whoever gave you the task.';
  if (!context.delegation) return '*Delegation* — not in this step: the app hands the work on, so do not call `delegate`.';
  const targets = delegatesInRoute(agent, context.route);
  if (targets.length === 0) return `*Delegation* — none in the ${context.route} route.`;
  return `*Delegation* — \`delegate\` to ${targets.join(', ')} (the ${context.route} route loads these).`;
}

/** Who leads which kind of work, for an agent that hands work to specialists in this run (rules §10). */
function matrixLines(agent: AgentName, context: RoleCardContext): string[] {
  if (!context.delegation) return [];
  const targets = delegatesInRoute(agent, context.route);
  const routes = Object.values(DELEGATION_MATRIX).filter((route) => targets.includes(route.primary));
  if (routes.length === 0) return [];
  return [
    '*Who leads which work* — hand each task to its lead; the lead brings in the supporting agent\'s results through you.',
    ...routes.map((route) => `• ${route.label}: ${route.primary} leads, ${route.supporting} supports (${route.typicalTools.map((t) => `\`${t}\``).join(', ')})`),
  ];
}

export function roleCard(agent: AgentName, context: RoleCardContext): string {
  const spec = agentSpec(agent);
  const limits = Object.entries(spec.restrictions).map(([tool, restriction]) => `• \`${tool}\`: ${restriction.note}`);
  return [
    `*Your role card* — ${agent}`,
    `*Your tools* — ${spec.tools.map((tool) => `\`${tool}\``).join(', ')}. Any other tool in the list belongs to another agent and is refused.`,
    ...(limits.length > 0 ? ['*Limits*', ...limits] : []),
    delegationLine(agent, context),
    ...matrixLines(agent, context),
    ...(context.playbook ? playbookLines(context.playbook) : []),
  ].join('\n');
}
