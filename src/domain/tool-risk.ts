// The one catalog of what each tool risks (rules §5, §6, §9). Guarded tools (research, drafting,
// analysis) keep working during a high incident; risky tools wait it out; a risky action that is high
// cost (a campaign start, paid placement, committed budget or launch date) also needs an approved,
// current plan version. The registry's pause, the review gate and the run all read this table.
import type { AgentToolName } from './agents.ts';

export const RISKY_ACTIONS = ['start_campaign', 'publish', 'publish_paid', 'commit_budget', 'commit_launch_date'] as const;
export type RiskyAction = (typeof RISKY_ACTIONS)[number];

// Organic publishing is risky (it waits out a high incident) but needs no plan approval.
export const HIGH_COST_ACTIONS: readonly RiskyAction[] = ['start_campaign', 'publish_paid', 'commit_budget', 'commit_launch_date'];

export function isHighCost(action: RiskyAction): boolean {
  return HIGH_COST_ACTIONS.includes(action);
}

/** What a call of a risky tool amounts to, from what it says about its placement. */
type ActionOf = (call: { paidPlacement: boolean }) => RiskyAction;

export type ToolRisk = { level: 'guarded' } | { level: 'risky'; actionOf: ActionOf; actions: readonly RiskyAction[] };

const GUARDED: ToolRisk = { level: 'guarded' };

function risky(actions: readonly [RiskyAction, ...RiskyAction[]], actionOf: ActionOf = () => actions[0]): ToolRisk {
  return { level: 'risky', actionOf, actions };
}

// Risky means the effect leaves the building: something goes public or budget/a launch date is committed.
// Image and video generation only produce drafts in the manifest, so they count as drafting and keep working.
export const TOOL_RISK: Readonly<Record<AgentToolName, ToolRisk>> = {
  ohmymkt_plan_growth: GUARDED,
  ohmymkt_list_plans: GUARDED,
  ohmymkt_check_gates: GUARDED,
  ohmymkt_update_gates: GUARDED,
  ohmymkt_update_metrics: GUARDED,
  ohmymkt_start_campaign: risky(['start_campaign']),
  ohmymkt_run_cycle: GUARDED,
  ohmymkt_read_cycle: GUARDED,
  // Moving a sprint task records work; it publishes and spends nothing, so it keeps going during a P0.
  ohmymkt_update_task: GUARDED,
  ohmymkt_incident: GUARDED,
  ohmymkt_report_growth: GUARDED,
  ohmymkt_read_state: GUARDED,
  ohmymkt_research_brief: GUARDED,
  ohmymkt_competitor_profile: GUARDED,
  ohmymkt_save_positioning: GUARDED,
  ohmymkt_asset_manifest: GUARDED,
  ohmymkt_generate_image: GUARDED,
  ohmymkt_generate_video: GUARDED,
  ohmymkt_publish: risky(['publish', 'publish_paid'], ({ paidPlacement }) => (paidPlacement ? 'publish_paid' : 'publish')),
  ohmymkt_provider_config: GUARDED,
  delegate: GUARDED,
  ask_in_thread: GUARDED,
  submit_review: GUARDED,
};

/** The risky action a call amounts to, or undefined for a guarded tool. */
export function riskyActionOf(tool: AgentToolName, call: { paidPlacement: boolean }): RiskyAction | undefined {
  const risk = TOOL_RISK[tool];
  return risk.level === 'risky' ? risk.actionOf(call) : undefined;
}
