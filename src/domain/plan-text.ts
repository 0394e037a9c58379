// One plain-text rendering of a plan, section by section: what the agents are handed in their tasks
// and what a person reads in the "View full plan" modal, so both read the same plan.
import type { Plan } from './plans.ts';
import { planLabel } from './plans.ts';

export interface PlanTextSection {
  heading: string;
  lines: string[];
}

const list = (items: readonly string[]) => (items.length > 0 ? items.map((item) => `- ${item}`) : ['- (none yet)']);
const filled = (text: string) => (text.trim() === '' ? '(not written yet)' : text);

function requirementsSection(plan: Plan): PlanTextSection {
  const r = plan.requirements;
  return {
    heading: 'Requirements',
    lines: [
      `Objective: ${filled(r.objective)}`,
      'Channels:',
      ...list(r.channels),
      'Boundaries:',
      ...list(r.boundaries),
      `Timeline: ${filled(r.timeline)}`,
      `Budget: ${filled(r.budget)}`,
      'Acceptance criteria:',
      ...list(r.acceptanceCriteria),
      `Rollback route: ${filled(r.rollbackRoute)}`,
      'Owners:',
      ...list(r.owners.map((o) => `${o.deliverable}: ${filled(o.owner)}`)),
    ],
  };
}

/** The template's sections (rules §8), in the order the plan template lists them. */
function templateSectionsText(plan: Plan): PlanTextSection[] {
  const s = plan.sections;
  const targets = plan.kpiTargets ?? {};
  return [
    { heading: 'Startup gates', lines: s.startupGates.map((g) => `- ${g.gate} (${g.owner}): passes when ${g.passesWhen}`) },
    ...(s.kpis && s.kpis.length > 0
      ? [{
          heading: 'KPIs',
          lines: s.kpis.map((k) => {
            const target = targets[k.kpi];
            return `- ${k.label} (${k.kpi}, ${k.unit}, ${k.kind}, ${k.direction === 'up' ? 'higher is better' : 'lower is better'})${target === undefined ? '' : `: target ${target}`}`;
          }),
        }]
      : []),
    { heading: 'Roles', lines: [`- planner: ${s.roles.planner}`, `- reviewer: ${s.roles.reviewer}`, `- executor: ${s.roles.executor}`] },
    { heading: 'Workstreams', lines: Object.entries(s.dualTrack).flatMap(([track, items]) => [`${track}:`, ...list(items)]) },
    { heading: 'Modules', lines: s.modules.map((m) => `- ${m.core}: ${m.modules.join(', ')}`) },
    { heading: 'Cycle cadence', lines: s.cycleCadence.map((c) => `- ${c.cadence}: ${c.windowDays}-day window`) },
    {
      heading: 'Incident protocol',
      lines: [...s.incidentProtocol.severities.map((v) => `- ${v.severity} (${v.label}): ${v.response}`), 'On a high incident:', ...list(s.incidentProtocol.highEscalation)],
    },
    { heading: 'Initial checklist', lines: list(s.initialChecklist) },
  ];
}

/** The whole plan: its label and goal, the requirements, then every template section. */
export function planSections(plan: Plan): PlanTextSection[] {
  const head = { heading: `${planLabel(plan)} · ${plan.name}`, lines: [`Goal: ${plan.goal}`, `Status: ${plan.status.replace('_', ' ')}`, ...(plan.playbook ? [`Playbook: ${plan.playbook}`] : [])] };
  return [head, requirementsSection(plan), ...templateSectionsText(plan)];
}

export function planText(plan: Plan): string {
  return planSections(plan)
    .map((section) => [section.heading, ...section.lines].join('\n'))
    .join('\n\n');
}

/** The template's sections by heading and size, for a card that shows them collapsed. */
export function planOutline(plan: Plan): string[] {
  return templateSectionsText(plan).map((section) => `${section.heading} (${section.lines.filter((line) => line.startsWith('- ')).length})`);
}
