// The sections every plan starts from (rules §8), built from the same tables the code enforces so
// the plan a person reads cannot drift from the rules that run.
import { z } from 'zod';
import { CADENCE_DAYS, CadenceSchema } from './decisions.ts';
import { GATE_NAMES, GATES, GateNameSchema, REQUIRED_QUERY_COVERAGE, REQUIRED_ROLLING_WEEKS } from './gates.ts';
import { HIGH_ESCALATION_STEPS, SEVERITIES, SEVERITY_POLICY, SeveritySchema } from './incidents.ts';
import { CORES, ModuleNameSchema, modulesOfCore } from './modules.ts';

export const PlanSectionsSchema = z.object({
  startupGates: z.array(z.object({ gate: GateNameSchema, owner: z.string(), passesWhen: z.string() })),
  roles: z.object({ planner: z.string(), reviewer: z.string(), executor: z.string() }),
  dualTrack: z.object({ visibility: z.array(z.string()), quality: z.array(z.string()) }),
  modules: z.array(z.object({ core: z.enum(CORES), modules: z.array(ModuleNameSchema) })),
  cycleCadence: z.array(z.object({ cadence: CadenceSchema, windowDays: z.number().int() })),
  incidentProtocol: z.object({
    severities: z.array(z.object({ severity: SeveritySchema, label: z.string(), response: z.string() })),
    highEscalation: z.array(z.string()),
  }),
  initialChecklist: z.array(z.string()),
});
export type PlanSections = z.infer<typeof PlanSectionsSchema>;

export const DUAL_TRACK_WORKSTREAMS = {
  visibility: ['query cluster expansion', 'AEO answer blocks for priority clusters', 'SERP feature capture', 'authority growth'],
  quality: ['technical foundation hardening', 'high-intent landing paths', 'schema/entity consistency', 'internal link continuity'],
} as const;

const INITIAL_CHECKLIST = [
  'bind the KPI tree to the objective and get the strategy approved',
  'document the compliance rules and have every team accept them',
  `prove ${REQUIRED_ROLLING_WEEKS} weeks of content throughput`,
  'stabilise the dashboard and reconcile the data sources',
  `assign owners to at least ${Math.round(REQUIRED_QUERY_COVERAGE * 100)}% of priority queries`,
  'name an incident owner and the rollback route',
  'schedule the first weekly cycle',
];

export function templateSections(): PlanSections {
  return {
    startupGates: GATE_NAMES.map((gate) => ({ gate, owner: GATES[gate].owner, passesWhen: GATES[gate].passesWhen })),
    roles: { planner: 'requirements-analyst', reviewer: 'plan-reviewer', executor: 'execution-manager' },
    dualTrack: { visibility: [...DUAL_TRACK_WORKSTREAMS.visibility], quality: [...DUAL_TRACK_WORKSTREAMS.quality] },
    modules: CORES.map((core) => ({ core, modules: modulesOfCore(core) })),
    cycleCadence: CadenceSchema.options.map((cadence) => ({ cadence, windowDays: CADENCE_DAYS[cadence] })),
    incidentProtocol: {
      severities: SEVERITIES.map((severity) => ({ severity, label: SEVERITY_POLICY[severity].label, response: SEVERITY_POLICY[severity].response })),
      highEscalation: [...HIGH_ESCALATION_STEPS],
    },
    initialChecklist: [...INITIAL_CHECKLIST],
  };
}
