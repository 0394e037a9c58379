// Incidents (rules §5): severities, a lifecycle with append-only notes, and what a high one pauses.
// Resolved incidents stay in the history and keep counting in the window they were opened in.
import { z } from 'zod';
import { scaleWorkOf, type Playbook } from './playbook.ts';
import { ActorSchema, type Actor } from './program.ts';
import { fail, ok, type Result } from './result.ts';
import { isInWindow } from './window.ts';

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const SEVERITY_POLICY: Record<Severity, { label: 'P0' | 'P1' | 'P2'; response: string; pausesRiskyWork: boolean }> = {
  high: { label: 'P0', response: 'immediate rollback and a full postmortem', pausesRiskyWork: true },
  medium: { label: 'P1', response: 'an intervention sprint in the next cycle', pausesRiskyWork: false },
  low: { label: 'P2', response: 'backlog remediation with monitoring', pausesRiskyWork: false },
};

/** What happens on its own when a high incident opens, in order (seo-aeo's words: highEscalationSteps names the program's own). */
export const HIGH_ESCALATION_STEPS = [
  'pause scale modules',
  'roll back high-risk changes made in the current cycle',
  'open a postmortem within 24 hours',
  'run a cycle to reassess',
] as const;

/** The escalation steps with the scaling work a high incident pauses named as the program's playbook names it. */
export function highEscalationSteps(book: Playbook): string[] {
  return [`pause ${scaleWorkOf(book)}`, ...HIGH_ESCALATION_STEPS.slice(1)];
}

/** What follows a resolve, in order; with no active campaign a cycle would only say so, so neither runs then. */
export const AFTER_RESOLVE_STEPS = ['run a cycle (while a campaign is active)', 'post a growth report after it'] as const;

export const MAX_SUMMARY_LENGTH = 500;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_MODULE_LENGTH = 80;
export const DEFAULT_INCIDENT_MODULE = 'unspecified';

export function parseSeverity(text: string): Result<Severity> {
  const word = text.trim().toLowerCase();
  const bySeverity = SeveritySchema.safeParse(word);
  if (bySeverity.success) return ok(bySeverity.data);
  const byLabel = SEVERITIES.find((severity) => SEVERITY_POLICY[severity].label.toLowerCase() === word);
  if (byLabel !== undefined) return ok(byLabel);
  return fail('usage', `"${text.trim()}" is not a severity; use high, medium or low (or P0, P1, P2)`);
}

export const IncidentIdSchema = z.string().regex(/^INC-[1-9]\d*$/);

export function incidentId(sequence: number): string {
  return `INC-${sequence}`;
}

/** Accepts `INC-3` in any case, so `inc-3` typed in Slack finds the incident. */
export function parseIncidentId(text: string): Result<string> {
  const id = text.trim().toUpperCase();
  return IncidentIdSchema.safeParse(id).success ? ok(id) : fail('usage', `"${text.trim()}" is not an incident id; ids look like INC-1`);
}

export const IncidentNoteSchema = z.object({
  text: z.string().min(1).max(MAX_NOTE_LENGTH),
  by: ActorSchema,
  at: z.date(),
});
export type IncidentNote = z.infer<typeof IncidentNoteSchema>;

export const IncidentSchema = z.object({
  id: IncidentIdSchema,
  severity: SeveritySchema,
  module: z.string().min(1).max(MAX_MODULE_LENGTH),
  summary: z.string().min(1).max(MAX_SUMMARY_LENGTH),
  status: z.enum(['open', 'resolved']),
  notes: z.array(IncidentNoteSchema),
  openedBy: ActorSchema,
  openedAt: z.date(),
  resolvedBy: ActorSchema.optional(),
  resolvedAt: z.date().optional(),
  /** Where the alert was posted in the channel (the chat's message reference), so updates reply under it. */
  alertRef: z.string().min(1).optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;

function cleanText(label: string, text: string, max: number): Result<string> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('usage', `${label} is required`);
  if (trimmed.length > max) return fail('invalid', `${label} is too long (${trimmed.length} characters, at most ${max})`);
  return ok(trimmed);
}

export interface OpenIncidentInput {
  /** The program's next incident number, drawn from an atomic counter by the caller. */
  sequence: number;
  severity: Severity;
  summary: string;
  module?: string;
}

export function openIncident(input: OpenIncidentInput, by: Actor, now: Date): Result<Incident> {
  const summary = cleanText('an incident summary', input.summary, MAX_SUMMARY_LENGTH);
  if (!summary.ok) return summary;
  const module = input.module?.trim() ? cleanText('a module name', input.module, MAX_MODULE_LENGTH) : ok(DEFAULT_INCIDENT_MODULE);
  if (!module.ok) return module;
  return ok({
    id: incidentId(input.sequence),
    severity: input.severity,
    module: module.value,
    summary: summary.value,
    status: 'open',
    notes: [],
    openedBy: by,
    openedAt: now,
  });
}

// Notes stay allowed after a resolve: postmortem links and follow-ups belong to the same record.
export function addNote(incident: Incident, text: string, by: Actor, now: Date): Result<Incident> {
  const note = cleanText('a note', text, MAX_NOTE_LENGTH);
  if (!note.ok) return note;
  return ok({ ...incident, notes: [...incident.notes, { text: note.value, by, at: now }] });
}

export function resolveIncident(incident: Incident, by: Actor, now: Date, note?: string): Result<Incident> {
  if (incident.status === 'resolved') {
    return fail('conflict', `${incident.id} is already resolved`);
  }
  const withNote = note === undefined || note.trim() === '' ? ok(incident) : addNote(incident, note, by, now);
  if (!withNote.ok) return withNote;
  return ok({ ...withNote.value, status: 'resolved', resolvedBy: by, resolvedAt: now });
}

export function openHighIncidents(incidents: Incident[]): Incident[] {
  return incidents.filter((incident) => incident.status === 'open' && SEVERITY_POLICY[incident.severity].pausesRiskyWork);
}

/** Risky work (publishing, spending, launching) waits while any high incident is open. */
export function isPaused(incidents: Incident[]): boolean {
  return openHighIncidents(incidents).length > 0;
}

export function incidentsInWindow(incidents: Incident[], days: number, now: Date): Incident[] {
  return incidents.filter((incident) => isInWindow(incident.openedAt, days, now));
}

export function countBySeverity(incidents: Incident[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const incident of incidents) counts[incident.severity] += 1;
  return counts;
}
