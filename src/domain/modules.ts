// The ten execution modules in their three cores (rules §8), and which of them a pause stops.
import { z } from 'zod';
import type { Track } from './metrics.ts';

export const CORES = ['structure', 'performance', 'acceleration'] as const;
export type Core = (typeof CORES)[number];

export const MODULE_NAMES = [
  'technical_foundation',
  'intent_operations',
  'content_system',
  'onpage_optimization',
  'aeo_answer_layer',
  'schema_entity_governance',
  'internal_link_graph',
  'authority_growth',
  'experiment_engine',
  'scale_loop',
] as const;
export const ModuleNameSchema = z.enum(MODULE_NAMES);
export type ModuleName = z.infer<typeof ModuleNameSchema>;

interface ModuleSpec {
  core: Core;
  /** The specialist who owns the module's tasks when the plan names nobody. */
  lead: string;
  /** What breaks first when the module's changes go wrong; becomes each task's rollback condition. */
  rollbackWhen: string;
}

export const MODULES: Record<ModuleName, ModuleSpec> = {
  technical_foundation: { core: 'structure', lead: 'seo-engineer', rollbackWhen: 'indexed pages or crawl health drop after the change' },
  intent_operations: { core: 'structure', lead: 'growth-analyst', rollbackWhen: 'high-intent sessions fall for two weekly cycles' },
  content_system: { core: 'structure', lead: 'content-ops', rollbackWhen: 'published pages miss the quality bar in review' },
  onpage_optimization: { core: 'performance', lead: 'seo-engineer', rollbackWhen: 'rankings or click-through fall on the changed pages' },
  aeo_answer_layer: { core: 'performance', lead: 'aeo-specialist', rollbackWhen: 'answer citations drop or answers turn inaccurate' },
  schema_entity_governance: { core: 'performance', lead: 'seo-engineer', rollbackWhen: 'structured data errors rise in validation' },
  internal_link_graph: { core: 'performance', lead: 'seo-engineer', rollbackWhen: 'orphan pages or crawl depth increase' },
  authority_growth: { core: 'acceleration', lead: 'content-ops', rollbackWhen: 'low-quality or risky referring domains appear' },
  experiment_engine: { core: 'acceleration', lead: 'growth-analyst', rollbackWhen: 'the variant loses on conversion assists' },
  scale_loop: { core: 'acceleration', lead: 'content-ops', rollbackWhen: 'scaled pages dilute quality-track metrics' },
};

export function modulesOfCore(core: Core): ModuleName[] {
  return MODULE_NAMES.filter((module) => MODULES[module].core === core);
}

// "Scale modules" (the rules' pause and report wording) are read as the acceleration core: the
// modules that multiply output rather than build the base.
export const SCALE_MODULES: readonly ModuleName[] = modulesOfCore('acceleration');

export const KPI_IMPACT: Record<Track, string> = {
  visibility: 'non-brand visibility and query cluster coverage',
  quality: 'high-intent sessions and conversion assists',
};

export type ModuleStatus = 'idle' | 'active' | 'paused';

/** Derived, never stored: idle without a campaign, scale modules paused while a high incident is open. */
export function moduleStatuses(campaignActive: boolean, paused: boolean): Array<{ module: ModuleName; core: Core; status: ModuleStatus }> {
  return MODULE_NAMES.map((module) => {
    const status: ModuleStatus = !campaignActive ? 'idle' : paused && SCALE_MODULES.includes(module) ? 'paused' : 'active';
    return { module, core: MODULES[module].core, status };
  });
}
