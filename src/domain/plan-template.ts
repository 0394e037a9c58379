// The sections every plan starts from (rules §8, §13), built from the program's playbook and the same
// tables the code enforces, so the plan a person reads cannot drift from the rules that run.
import { z } from 'zod';
import { CADENCE_DAYS, CadenceSchema } from './decisions.ts';
import { highEscalationSteps, SEVERITIES, SEVERITY_POLICY, SeveritySchema } from './incidents.ts';
import { modulesOfCore } from './modules.ts';
import { SEO_AEO } from './playbook-catalog.ts';
import type { Playbook } from './playbook.ts';

export const PlanSectionsSchema = z.object({
  startupGates: z.array(z.object({ gate: z.string(), owner: z.string(), passesWhen: z.string() })),
  roles: z.object({ planner: z.string(), reviewer: z.string(), executor: z.string() }),
  /** Workstreams per track, keyed by the playbook's track names (seo-aeo: visibility, quality). */
  dualTrack: z.record(z.string(), z.array(z.string())),
  modules: z.array(z.object({ core: z.string(), modules: z.array(z.string()) })),
  cycleCadence: z.array(z.object({ cadence: CadenceSchema, windowDays: z.number().int() })),
  incidentProtocol: z.object({
    severities: z.array(z.object({ severity: SeveritySchema, label: z.string(), response: z.string() })),
    highEscalation: z.array(z.string()),
  }),
  initialChecklist: z.array(z.string()),
  /** The KPIs the plan is measured on (absent on plans stored before playbooks). */
  kpis: z.array(z.object({ kpi: z.string(), label: z.string(), unit: z.string(), direction: z.enum(['up', 'down']), kind: z.enum(['volume', 'quality']) })).optional(),
});
export type PlanSections = z.infer<typeof PlanSectionsSchema>;

export function templateSections(book: Playbook = SEO_AEO): PlanSections {
  return {
    startupGates: book.gates.map((gate) => ({ gate: gate.name, owner: gate.owner, passesWhen: gate.passesWhen })),
    roles: { planner: 'requirements-analyst', reviewer: 'plan-reviewer', executor: 'execution-manager' },
    dualTrack: Object.fromEntries(book.tracks.map((track) => [track.name, [...track.workstreams]])),
    modules: book.cores.map((core) => ({ core: core.name, modules: modulesOfCore(core.name, book) })),
    cycleCadence: CadenceSchema.options.map((cadence) => ({ cadence, windowDays: CADENCE_DAYS[cadence] })),
    incidentProtocol: {
      severities: SEVERITIES.map((severity) => ({ severity, label: SEVERITY_POLICY[severity].label, response: SEVERITY_POLICY[severity].response })),
      highEscalation: highEscalationSteps(book),
    },
    initialChecklist: [...book.initialChecklist],
    kpis: book.kpis.map((kpi) => ({ kpi: kpi.name, label: kpi.label, unit: kpi.unit, direction: kpi.direction, kind: kpi.kind })),
  };
}
