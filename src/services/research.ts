// Research of a program: briefs (objectives, findings, gaps) and competitor profiles with battlecards.
import { definedOnly } from '../domain/defined.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import {
  competitorKey,
  mergeCompetitor,
  researchBriefId,
  type CompetitorFields,
  type CompetitorProfile,
  type Finding,
  type ResearchBrief,
} from '../domain/research.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { audit, type ServiceDeps } from './deps.ts';
import { saveRecord } from './records.ts';

export interface BriefInput {
  title: string;
  objectives?: string[];
  competitors?: string[];
  findings?: Finding[];
  gaps?: string[];
}

export async function createBrief(deps: ServiceDeps, program: ProgramRef, actor: Actor, input: BriefInput): Promise<ResearchBrief> {
  const now = deps.clock.now();
  const sequence = await deps.repos.researchBriefs.nextSequence(program);
  const brief: ResearchBrief = {
    id: researchBriefId(sequence),
    title: input.title,
    objectives: input.objectives ?? [],
    competitors: input.competitors ?? [],
    findings: input.findings ?? [],
    gaps: input.gaps ?? [],
    createdBy: actor,
    createdAt: now,
    updatedAt: now,
  };
  await deps.repos.researchBriefs.insert(program, brief.id, sequence, brief);
  await audit(deps, program, actor, 'research.brief.create', { id: brief.id });
  return brief;
}

export interface BriefUpdate {
  title?: string;
  objectives?: string[];
  competitors?: string[];
  /** Appended: findings accumulate as the research goes. */
  findings?: Finding[];
  gaps?: string[];
}

export async function updateBrief(deps: ServiceDeps, program: ProgramRef, actor: Actor, id: string, update: BriefUpdate): Promise<Result<ResearchBrief>> {
  const key = id.trim().toUpperCase();
  const saved = await saveRecord(deps.repos.researchBriefs, program, key, (brief) => {
    if (brief === undefined) return fail('not_found', `no research brief ${key} in this channel`);
    const { findings, ...replaced } = update;
    return ok({ ...brief, ...definedOnly(replaced), findings: [...brief.findings, ...(findings ?? [])], updatedAt: deps.clock.now() });
  });
  if (saved.ok) await audit(deps, program, actor, 'research.brief.update', { id: key, findingsAdded: update.findings?.length ?? 0 });
  return saved;
}

export async function getBrief(deps: ServiceDeps, program: ProgramRef, id: string): Promise<Result<ResearchBrief>> {
  const key = id.trim().toUpperCase();
  const stored = await deps.repos.researchBriefs.get(program, key);
  return stored === undefined ? fail('not_found', `no research brief ${key} in this channel`) : ok(stored.value);
}

export function listBriefs(deps: ServiceDeps, program: ProgramRef): Promise<ResearchBrief[]> {
  return deps.repos.researchBriefs.list(program);
}

export async function saveCompetitor(deps: ServiceDeps, program: ProgramRef, actor: Actor, fields: CompetitorFields): Promise<Result<CompetitorProfile>> {
  const saved = await saveRecord(deps.repos.competitors, program, competitorKey(fields.name), (previous) =>
    ok(mergeCompetitor(previous, fields, actor, deps.clock.now())),
  );
  if (saved.ok) await audit(deps, program, actor, 'research.competitor.save', { name: fields.name });
  return saved;
}

export async function getCompetitor(deps: ServiceDeps, program: ProgramRef, name: string): Promise<Result<CompetitorProfile>> {
  const stored = await deps.repos.competitors.get(program, competitorKey(name));
  return stored === undefined ? fail('not_found', `no competitor profile for "${name}" in this channel`) : ok(stored.value);
}

export function listCompetitors(deps: ServiceDeps, program: ProgramRef): Promise<CompetitorProfile[]> {
  return deps.repos.competitors.list(program);
}
