// Starting a campaign (rules §3, §6, §9, §13): refused while paused, on failing gates, or without an
// approved plan; otherwise the execution state and a sprint board seeded from the playbook's pool.
import { z } from 'zod';
import { evaluateGates, failingGates, type GateState } from './gates.ts';
import { isPaused, type Incident } from './incidents.ts';
import { TrackSchema } from './metrics.ts';
import { SEO_AEO } from './playbook-catalog.ts';
import type { Playbook } from './playbook.ts';
import { PlanIdSchema, type Plan } from './plans.ts';
import { ActorSchema, type Actor } from './program.ts';
import { fail, ok, type Result } from './result.ts';
import { ensureNotPaused, requireApprovedPlan } from './review-gate.ts';
import { seedSprintBoard, type SprintTask } from './sprint.ts';
import { poolOf } from './sprint-pool.ts';

export const ExecutionSchema = z.object({
  planId: PlanIdSchema,
  planVersion: z.number().int().min(1),
  activeTracks: z.array(TrackSchema),
  startedBy: ActorSchema,
  startedAt: z.date(),
});
export type Execution = z.infer<typeof ExecutionSchema>;

export interface StartCampaignInput {
  gates: GateState;
  /** Every stored version of the program's plans. */
  plans: Plan[];
  planId?: string;
  incidents: Incident[];
  execution: Execution | undefined;
  by: Actor;
  now: Date;
  /** The program's playbook; seo-aeo when absent. */
  playbook?: Playbook;
}

export function startCampaign(input: StartCampaignInput): Result<{ execution: Execution; board: SprintTask[] }> {
  const notPaused = ensureNotPaused('start_campaign', input.incidents);
  if (!notPaused.ok) return notPaused;
  const book = input.playbook ?? SEO_AEO;
  const evaluations = evaluateGates(input.gates, book);
  const failing = failingGates(evaluations);
  if (failing.length > 0) {
    return fail(
      'gate_failed',
      `the campaign cannot start: ${failing.length} of ${evaluations.length} startup gates fail`,
      failing.map((gate) => `${gate.gate} (${gate.owner}): ${gate.reason}`),
    );
  }
  const approved = requireApprovedPlan(input.plans, input.planId);
  if (!approved.ok) return approved;
  const plan = approved.value;
  if (input.execution?.planId === plan.id && input.execution.planVersion === plan.version) {
    return fail('conflict', `the campaign of ${plan.id} v${plan.version} is already running`);
  }
  const owners = [...new Set(plan.requirements.owners.map((owner) => owner.owner.trim()).filter((owner) => owner !== ''))];
  return ok({
    execution: { planId: plan.id, planVersion: plan.version, activeTracks: book.tracks.map((track) => track.name), startedBy: input.by, startedAt: input.now },
    board: seedSprintBoard(poolOf(book), { owners, start: input.now }, book),
  });
}

export type CampaignStatus = 'none' | 'active' | 'paused';

/** Derived rather than stored, so a resolve can never leave a campaign paused by mistake. */
export function campaignStatus(execution: Execution | undefined, incidents: Incident[]): CampaignStatus {
  if (execution === undefined) return 'none';
  return isPaused(incidents) ? 'paused' : 'active';
}
