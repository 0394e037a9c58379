// The agent catalog (rules §10): who exists, what each may call, whom each may hand work to, and which
// agents a route may load. The agent loop and the tool registry enforce these lists; prompts only echo them.
import { z } from 'zod';

export const AGENT_NAMES = [
  'growth-manager',
  'requirements-analyst',
  'plan-reviewer',
  'execution-manager',
  'research-agent',
  'growth-analyst',
  'content-writer',
  'content-ops',
  'seo-engineer',
  'aeo-specialist',
] as const;
export const AgentNameSchema = z.enum(AGENT_NAMES);
export type AgentName = z.infer<typeof AgentNameSchema>;

export const MANAGER_NAMES = ['growth-manager', 'requirements-analyst', 'plan-reviewer', 'execution-manager'] as const;
export const SPECIALIST_NAMES = [
  'research-agent',
  'growth-analyst',
  'content-writer',
  'content-ops',
  'seo-engineer',
  'aeo-specialist',
] as const;

export const TOOL_NAMES = [
  'ohmymkt_plan_growth',
  'ohmymkt_list_plans',
  'ohmymkt_check_gates',
  'ohmymkt_update_gates',
  'ohmymkt_update_metrics',
  'ohmymkt_start_campaign',
  'ohmymkt_run_cycle',
  'ohmymkt_read_cycle',
  'ohmymkt_incident',
  'ohmymkt_report_growth',
  'ohmymkt_read_state',
  'ohmymkt_research_brief',
  'ohmymkt_competitor_profile',
  'ohmymkt_save_positioning',
  'ohmymkt_asset_manifest',
  'ohmymkt_generate_image',
  'ohmymkt_generate_video',
  'ohmymkt_publish',
  'ohmymkt_provider_config',
  'ohmymkt_update_task',
] as const;
export const ToolNameSchema = z.enum(TOOL_NAMES);
export type ToolName = z.infer<typeof ToolNameSchema>;

// Not state operations: `delegate` hands a task to another agent, `ask_in_thread` posts a question to the
// person and ends the turn until they reply, `submit_review` hands the reviewer's checklist verdict to
// the run as typed data. All three are handled by the agent loop, not the tool registry.
export const SPECIAL_TOOL_NAMES = ['delegate', 'ask_in_thread', 'submit_review'] as const;
export const SpecialToolNameSchema = z.enum(SPECIAL_TOOL_NAMES);
export type SpecialToolName = z.infer<typeof SpecialToolNameSchema>;

export const AGENT_TOOL_NAMES = [...TOOL_NAMES, ...SPECIAL_TOOL_NAMES] as const;
export const AgentToolNameSchema = z.enum(AGENT_TOOL_NAMES);
export type AgentToolName = z.infer<typeof AgentToolNameSchema>;

export type AgentKind = 'manager' | 'specialist';
export type ModelTier = 'strong' | 'fast';

/** A narrower grant than the whole tool: only some of its actions, or a use the prompt must respect. */
export interface ToolRestriction {
  /** When set, the registry refuses any other `action` of this tool for this agent. */
  actions?: readonly string[];
  note: string;
}

export interface AgentSpec {
  name: AgentName;
  kind: AgentKind;
  role: string;
  tools: readonly AgentToolName[];
  restrictions: Readonly<Partial<Record<AgentToolName, ToolRestriction>>>;
  delegatesTo: readonly AgentName[];
  modelTier: ModelTier;
  /** Model turns one agent invocation may take before it must return what it has. */
  stepBudget: number;
}

const MANAGER_STEPS = 12;
const SPECIALIST_STEPS = 8;

function manager(spec: Omit<AgentSpec, 'kind' | 'modelTier' | 'stepBudget'>): AgentSpec {
  return { ...spec, kind: 'manager', modelTier: 'strong', stepBudget: MANAGER_STEPS };
}

// Specialists get no delegatesTo parameter at all, so one can never be given a delegation target by mistake.
function specialist(spec: Omit<AgentSpec, 'kind' | 'modelTier' | 'stepBudget' | 'delegatesTo'>): AgentSpec {
  return { ...spec, kind: 'specialist', delegatesTo: [], modelTier: 'fast', stepBudget: SPECIALIST_STEPS };
}

export const AGENTS: Readonly<Record<AgentName, AgentSpec>> = {
  'growth-manager': manager({
    name: 'growth-manager',
    role: 'Entry point: owns the run, chooses the path, delegates planning and execution, closes with the report.',
    tools: ['delegate', 'ohmymkt_list_plans', 'ohmymkt_check_gates', 'ohmymkt_read_state', 'ohmymkt_report_growth'],
    restrictions: {},
    delegatesTo: ['requirements-analyst', 'plan-reviewer', 'execution-manager'],
  }),
  'requirements-analyst': manager({
    name: 'requirements-analyst',
    role: 'Turns the objective into requirements, constraints, testable acceptance criteria and owners; asks for what is missing.',
    tools: ['ohmymkt_plan_growth', 'ohmymkt_read_state', 'ohmymkt_list_plans', 'ask_in_thread'],
    restrictions: {},
    delegatesTo: [],
  }),
  'plan-reviewer': manager({
    name: 'plan-reviewer',
    role: 'Checks the plan against the six-item checklist, sequencing and launch readiness; verdict approve/reject with reasons.',
    tools: ['ohmymkt_read_state', 'ohmymkt_list_plans', 'ohmymkt_check_gates', 'submit_review'],
    restrictions: {},
    delegatesTo: [],
  }),
  'execution-manager': manager({
    name: 'execution-manager',
    role: 'Sequences the approved packet, dispatches specialists, runs cycles, handles incidents and provider failures.',
    tools: [
      'delegate',
      'ohmymkt_start_campaign',
      'ohmymkt_run_cycle',
      'ohmymkt_incident',
      'ohmymkt_check_gates',
      'ohmymkt_update_gates',
      'ohmymkt_read_state',
      'ohmymkt_update_task',
      'ohmymkt_provider_config',
    ],
    restrictions: {
      // Secrets come from the Slack modal only; an agent may look at the configuration, never change it.
      ohmymkt_provider_config: { actions: ['list', 'read'], note: 'list providers and read the masked config; never set' },
    },
    delegatesTo: [...SPECIALIST_NAMES],
  }),
  'research-agent': specialist({
    name: 'research-agent',
    role: 'Market and competitor research: briefs, competitor profiles, battlecards.',
    tools: ['ohmymkt_research_brief', 'ohmymkt_competitor_profile', 'ohmymkt_read_state'],
    restrictions: {},
  }),
  'growth-analyst': specialist({
    name: 'growth-analyst',
    role: 'Metrics, trends, experiments, attribution and growth reports.',
    tools: [
      'ohmymkt_update_metrics',
      'ohmymkt_report_growth',
      // The analyst reads what a cycle would conclude and records none: recording a cycle (and acting on
      // continue/intervene/rollback) is execution-manager's call, so an analysis never inflates the counts.
      'ohmymkt_read_cycle',
      'ohmymkt_check_gates',
      'ohmymkt_read_state',
      'ohmymkt_update_task',
    ],
    restrictions: {},
  }),
  'content-writer': specialist({
    name: 'content-writer',
    role: 'Positioning and assets: copy, images and video.',
    tools: [
      'ohmymkt_save_positioning',
      'ohmymkt_asset_manifest',
      'ohmymkt_generate_image',
      'ohmymkt_generate_video',
      'ohmymkt_read_state',
      'ohmymkt_update_task',
    ],
    restrictions: {},
  }),
  'content-ops': specialist({
    name: 'content-ops',
    role: 'Content calendar, refresh and decay, distribution and publishing.',
    tools: ['ohmymkt_asset_manifest', 'ohmymkt_publish', 'ohmymkt_read_state', 'ohmymkt_update_task'],
    restrictions: {},
  }),
  'seo-engineer': specialist({
    name: 'seo-engineer',
    role: 'Technical SEO: structure, schema, vitals, indexation and internal links.',
    tools: ['ohmymkt_check_gates', 'ohmymkt_update_gates', 'ohmymkt_read_state', 'ohmymkt_update_task'],
    restrictions: {},
  }),
  'aeo-specialist': specialist({
    name: 'aeo-specialist',
    role: 'Answer-engine visibility: answer blocks, structured data and citations.',
    tools: ['ohmymkt_check_gates', 'ohmymkt_read_state', 'ohmymkt_asset_manifest', 'ohmymkt_update_task'],
    restrictions: {},
  }),
};

export function isAgentName(name: string): name is AgentName {
  return AgentNameSchema.safeParse(name).success;
}

export function agentSpec(name: AgentName): AgentSpec {
  return AGENTS[name];
}

/** Takes plain strings because the names arrive from model output; anything unknown is a no. */
export function mayUseTool(agent: string, tool: string): boolean {
  if (!isAgentName(agent)) return false;
  return (AGENTS[agent].tools as readonly string[]).includes(tool);
}

export function canDelegate(from: string, to: string): boolean {
  if (!isAgentName(from) || !isAgentName(to)) return false;
  return AGENTS[from].delegatesTo.includes(to);
}

export const WORK_TYPES = [
  'market_discovery',
  'positioning',
  'aeo_seo_implementation',
  'campaign_operations',
  'performance_loop',
  'asset_distribution',
] as const;
export const WorkTypeSchema = z.enum(WORK_TYPES);
export type WorkType = z.infer<typeof WorkTypeSchema>;

export interface DelegationRoute {
  workType: WorkType;
  label: string;
  primary: AgentName;
  supporting: AgentName;
  typicalTools: readonly ToolName[];
}

// Typical tools are not always on the primary's allow-list (campaign operations: execution-manager starts
// the campaign and runs the cycles); the matrix says who leads the work, the allow-lists say who calls what.
export const DELEGATION_MATRIX: Readonly<Record<WorkType, DelegationRoute>> = {
  market_discovery: {
    workType: 'market_discovery',
    label: 'Market discovery',
    primary: 'research-agent',
    supporting: 'growth-analyst',
    typicalTools: ['ohmymkt_research_brief', 'ohmymkt_competitor_profile'],
  },
  positioning: {
    workType: 'positioning',
    label: 'Positioning',
    primary: 'content-writer',
    supporting: 'growth-analyst',
    typicalTools: ['ohmymkt_save_positioning'],
  },
  aeo_seo_implementation: {
    workType: 'aeo_seo_implementation',
    label: 'AEO/SEO implementation',
    primary: 'seo-engineer',
    supporting: 'aeo-specialist',
    typicalTools: ['ohmymkt_check_gates', 'ohmymkt_update_gates'],
  },
  campaign_operations: {
    workType: 'campaign_operations',
    label: 'Campaign operations',
    primary: 'content-ops',
    supporting: 'growth-manager',
    typicalTools: ['ohmymkt_start_campaign', 'ohmymkt_run_cycle'],
  },
  performance_loop: {
    workType: 'performance_loop',
    label: 'Performance loop',
    primary: 'growth-analyst',
    supporting: 'execution-manager',
    typicalTools: ['ohmymkt_update_metrics', 'ohmymkt_report_growth'],
  },
  asset_distribution: {
    workType: 'asset_distribution',
    label: 'Asset + distribution',
    primary: 'content-writer',
    supporting: 'content-ops',
    typicalTools: ['ohmymkt_asset_manifest', 'ohmymkt_generate_image', 'ohmymkt_generate_video', 'ohmymkt_publish'],
  },
};

export const ROUTE_NAMES = ['ultrawork', 'planned'] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export interface RouteTemplate {
  route: RouteName;
  entry: AgentName;
  agents: readonly AgentName[];
}

// Templates depend on the route alone, never on the request's words: "research" or "audit" in an ultrawork
// request must not pull in a generic planner or a non-marketing agent (rules §12).
export const ROUTE_TEMPLATES: Readonly<Record<RouteName, RouteTemplate>> = {
  ultrawork: {
    route: 'ultrawork',
    entry: 'growth-manager',
    agents: ['growth-manager', 'execution-manager', ...SPECIALIST_NAMES],
  },
  planned: {
    route: 'planned',
    entry: 'growth-manager',
    agents: [...AGENT_NAMES],
  },
};

export function agentsForRoute(route: RouteName): readonly AgentName[] {
  return ROUTE_TEMPLATES[route].agents;
}

/** The delegation targets an agent actually has in this route: a target the route did not load is refused. */
export function delegatesInRoute(agent: AgentName, route: RouteName): readonly AgentName[] {
  const loaded = agentsForRoute(route);
  return AGENTS[agent].delegatesTo.filter((to) => loaded.includes(to));
}
