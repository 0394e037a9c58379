// Incident lifecycle of a program: recorded first (the id comes from an atomic per-program counter),
// then noted and resolved by compare-and-set. What follows an open or a resolve (pause, alert,
// cycle, report) belongs to the callers, which read the returned incident.
import { addNote, openIncident, parseIncidentId, resolveIncident, type Incident, type Severity } from '../domain/incidents.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { MAX_CAS_ATTEMPTS, StorageConflict } from '../store/repos/stored.ts';
import { audit, type ServiceDeps } from './deps.ts';

export interface OpenRequest {
  severity: Severity;
  summary: string;
  module?: string;
  /** Names the one action this opening belongs to (a run's tool call): asked again, it opens nothing new. */
  effectKey?: string;
}

export async function open(deps: ServiceDeps, program: ProgramRef, actor: Actor, request: OpenRequest): Promise<Result<Incident>> {
  const { effectKey, ...fields } = request;
  if (effectKey !== undefined) {
    const already = await deps.repos.incidents.openedBy(program, effectKey);
    if (already) return ok(already);
  }
  // Validate before drawing a number, so a bad request burns no id.
  const draft = openIncident({ ...fields, sequence: 1 }, actor, deps.clock.now());
  if (!draft.ok) return draft;
  const sequence = await deps.repos.counters.next(program, 'incident');
  const incident = openIncident({ ...fields, sequence }, actor, deps.clock.now());
  if (!incident.ok) return incident;
  await deps.repos.incidents.insert(program, incident.value, effectKey);
  await audit(deps, program, actor, 'incident.open', { id: incident.value.id, severity: incident.value.severity });
  return incident;
}

async function change(
  deps: ServiceDeps,
  program: ProgramRef,
  actor: Actor,
  idText: string,
  action: string,
  apply: (incident: Incident) => Result<Incident>,
): Promise<Result<Incident>> {
  const id = parseIncidentId(idText);
  if (!id.ok) return id;
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
    const stored = await deps.repos.incidents.get(program, id.value);
    if (stored === undefined) return fail('not_found', `no incident ${id.value} in this channel; \`incident list\` shows them`);
    const next = apply(stored.value);
    if (!next.ok) return next;
    if (await deps.repos.incidents.replace(program, stored.rev, next.value)) {
      await audit(deps, program, actor, action, { id: id.value });
      return next;
    }
  }
  throw new StorageConflict(`incident ${id.value}`);
}

export function update(deps: ServiceDeps, program: ProgramRef, actor: Actor, id: string, note: string): Promise<Result<Incident>> {
  return change(deps, program, actor, id, 'incident.update', (incident) => addNote(incident, note, actor, deps.clock.now()));
}

export function resolve(deps: ServiceDeps, program: ProgramRef, actor: Actor, id: string, note?: string): Promise<Result<Incident>> {
  return change(deps, program, actor, id, 'incident.resolve', (incident) => resolveIncident(incident, actor, deps.clock.now(), note));
}

/** Remembers where the alert was posted; the incident's later messages reply under it. */
export function noteAlert(deps: ServiceDeps, program: ProgramRef, actor: Actor, id: string, alertRef: string): Promise<Result<Incident>> {
  return change(deps, program, actor, id, 'incident.alert', (incident) => ok({ ...incident, alertRef }));
}

export function list(deps: ServiceDeps, program: ProgramRef): Promise<Incident[]> {
  return deps.repos.incidents.list(program);
}
