// What people do to a run: start it, answer in its thread, approve or reject its plan or an asset it
// put up for review, cancel it, retry it, or switch it to ultrawork. Each is one compare-and-set on the run; the loser of a race
// (a second click, a retried delivery, another replica) changes nothing and is told why.
import type { Asset, AssetDecision } from '../domain/assets.ts';
import { decidePlanPermission, permit, type PermissionAction } from '../domain/permissions.ts';
import { describeRoute, requestWithoutKeyword, routeRequest } from '../domain/router.ts';
import { isCancelRequest, MAX_RUN_ANSWERS, type Run, type RunState } from '../domain/runs.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { Plan } from '../domain/plans.ts';
import { decideAsset } from '../services/assets.ts';
import { checkGates } from '../services/gates.ts';
import { configuredPublishers } from '../services/providers.ts';
import { decidePlan, newPlanVersion } from '../services/plans.ts';
import type { RunWorker } from './worker.ts';

export interface StartInput {
  program: ProgramRef;
  requesterId: string;
  threadTs: string;
  text: string;
  botUserId?: string;
}

export class RunEvents {
  constructor(private readonly worker: RunWorker) {}

  private get services() {
    return this.worker.deps.services;
  }

  private get repos() {
    return this.services.repos;
  }

  private get thread() {
    return this.worker.deps.thread;
  }

  private now(): Date {
    return this.services.clock.now();
  }

  /** Creates the run of a thread (once, whatever the number of deliveries) and starts working it. */
  /** `stored` hears once the run is in the store (new, or already there from another delivery), before any of its work. */
  async start(input: StartInput, stored?: (created: 'inserted' | 'duplicate') => Promise<void>): Promise<void> {
    const route = routeRequest(input.text, input.botUserId ? { botUserId: input.botUserId } : {});
    const now = this.now();
    const run: Run = {
      ...input.program,
      threadTs: input.threadTs,
      requesterId: input.requesterId,
      request: requestWithoutKeyword(route.request),
      route: route.route,
      impact: route.impact,
      evidence: route.evidence,
      routeNote: describeRoute(route),
      offerUltrawork: route.offerUltrawork,
      state: 'routing',
      reviewRounds: 0,
      feedback: [],
      answers: [],
      providerIssues: [],
      rev: 1,
      createdAt: now,
      updatedAt: now,
    };
    const created = await this.repos.runs.create(run);
    await stored?.(created);
    if (created === 'duplicate') return;
    await this.worker.advance(input.program, input.threadTs);
  }

  /** A person's message in a run's thread: an answer the run waits for, or a cancel. */
  async reply(program: ProgramRef, threadTs: string, userId: string, text: string): Promise<void> {
    const run = await this.repos.runs.get(program, threadTs);
    if (run === undefined) return;
    if (isCancelRequest(text)) {
      await this.cancel(program, threadTs, userId);
      return;
    }
    if (run.state !== 'awaiting_answer') return;
    // Only the requester and approvers answer a run's questions (rules §14); anyone else's message is talk.
    if (!(await this.allowed(run, userId, 'run.answer')).ok) return;
    const answers = [...run.answers, { userId, text, at: this.now() }].slice(-MAX_RUN_ANSWERS);
    const moved = await this.worker.move(run, 'clarifying', { answers });
    if (moved) await this.worker.advance(program, threadTs);
  }

  /** The permission table (domain/permissions.ts) for an action on this run; four-eyes for an approval. */
  private async allowed(run: Run, userId: string, action: Exclude<PermissionAction, 'plan.decide'> | { approve: boolean }): Promise<Result<void>> {
    const { state } = await this.repos.programs.load({ teamId: run.teamId, channelId: run.channelId });
    const person = { userId, isAdmin: false, approvers: state.approvers, requesterId: run.requesterId };
    if (typeof action === 'string') return permit(action, person);
    const highImpact = run.impact === 'high' || run.approval?.kind === 'high_cost';
    return decidePlanPermission(person, { approve: action.approve, highImpact, fourEyes: state.fourEyes });
  }

  private async pending(program: ProgramRef, threadTs: string, userId: string, target: { id: string; version: number }, approve = false): Promise<Result<Run>> {
    const run = await this.repos.runs.get(program, threadTs);
    if (run === undefined) return fail('not_found', 'this run is no longer stored');
    const allowed = await this.allowed(run, userId, { approve });
    if (!allowed.ok) return allowed;
    if (run.state !== 'awaiting_approval' || run.approval?.planId !== target.id || run.approval.version !== target.version) {
      return fail('conflict', `${target.id} v${target.version} is not waiting for a decision any more`);
    }
    return ok(run);
  }

  /** Whether `userId` may decide this plan version now, and its name for the Reject modal. */
  async decidable(program: ProgramRef, threadTs: string, userId: string, target: { id: string; version: number }): Promise<Result<{ planName: string }>> {
    const run = await this.pending(program, threadTs, userId, target);
    if (!run.ok) return run;
    const plan = await this.repos.plans.get(program, target.id, target.version);
    return ok({ planName: plan?.value.name ?? target.id });
  }

  async approve(program: ProgramRef, threadTs: string, actor: Actor, target: { id: string; version: number }): Promise<Result<Plan>> {
    const run = await this.pending(program, threadTs, actor.userId, target, true);
    if (!run.ok) return run;
    const decided = await decidePlan(this.services, program, actor, target, { kind: 'approve' });
    if (!decided.ok) return decided;
    const moved = await this.worker.move(run.value, 'executing', { approvedPlan: { planId: target.id, version: target.version } });
    if (moved === undefined) return fail('conflict', 'the run changed while this was being approved');
    await this.markDecided(moved, decided.value, 'approved', actor.userId);
    await this.worker.advance(program, threadTs);
    return decided;
  }

  /** The reason comes from the Reject modal; the analyst revises a new version and review runs again. */
  async reject(program: ProgramRef, threadTs: string, actor: Actor, target: { id: string; version: number }, reason: string): Promise<Result<Plan>> {
    const run = await this.pending(program, threadTs, actor.userId, target);
    if (!run.ok) return run;
    const decided = await decidePlan(this.services, program, actor, target, { kind: 'reject', reason });
    if (!decided.ok) return decided;
    const next = await newPlanVersion(this.services, program, actor, target);
    if (!next.ok) return next;
    const moved = await this.worker.move(run.value, 'clarifying', {
      planId: next.value.id,
      planVersion: next.value.version,
      // For the analyst's next task; the person and their reason are kept with the plan's decision.
      feedback: [`a person rejected the plan: ${reason.trim()}`],
      reviewRounds: 0,
    });
    if (moved === undefined) return fail('conflict', 'the run changed while this was being rejected');
    await this.markDecided(moved, decided.value, 'rejected', actor.userId, reason.trim());
    await this.worker.advance(program, threadTs);
    return decided;
  }

  private async markDecided(run: Run, plan: Plan, decision: 'approved' | 'rejected', by: string, reason?: string): Promise<void> {
    const messageTs = run.approval?.messageTs;
    if (!messageTs) return;
    // An approved plan's card offers Start campaign only while the gates pass: a button that can only be refused helps nobody.
    const gatesPass = decision === 'approved' ? (await checkGates(this.services, { teamId: run.teamId, channelId: run.channelId })).every((gate) => gate.pass) : undefined;
    await this.thread.update(run, messageTs, { type: 'decided', plan, decision, by, at: this.now(), ...(reason ? { reason } : {}), ...(gatesPass === undefined ? {} : { gatesPass }) });
  }

  /**
   * Approve or send back an asset the run put up for review; `messageTs` is the card clicked, shown
   * decided afterwards. Allowed to the same people as a plan decision, whatever state the run is in.
   */
  async decideAsset(program: ProgramRef, threadTs: string, actor: Actor, target: { assetId: string; messageTs: string }, decision: AssetDecision): Promise<Result<Asset>> {
    const run = await this.repos.runs.get(program, threadTs);
    if (run === undefined) return fail('not_found', 'this run is no longer stored');
    const allowed = await this.allowed(run, actor.userId, 'asset.decide');
    if (!allowed.ok) return allowed;
    const decided = await decideAsset(this.services, program, actor, target.assetId, decision);
    if (!decided.ok) return decided;
    const publishers = decision === 'approve' ? await configuredPublishers(this.services, program) : undefined;
    await this.thread.update(run, target.messageTs, { type: 'asset_decided', asset: decided.value, decision, by: actor.userId, at: this.now(), ...(publishers ? { publishers: publishers.map((p) => p.label) } : {}) });
    return decided;
  }

  async cancel(program: ProgramRef, threadTs: string, userId: string): Promise<Result<Run>> {
    const run = await this.repos.runs.get(program, threadTs);
    if (run === undefined) return fail('not_found', 'this run is no longer stored');
    const allowed = await this.allowed(run, userId, 'run.cancel');
    if (!allowed.ok) return allowed;
    if (run.state === 'done' || run.state === 'cancelled') return fail('conflict', `this run is already ${run.state}`);
    const cancelled = await this.worker.move(run, 'cancelled');
    if (cancelled === undefined) return fail('conflict', 'the run changed at the same moment; try again');
    this.worker.abort(program, threadTs, 'cancelled');
    await this.thread.post(cancelled, { type: 'cancelled', by: userId });
    return ok(cancelled);
  }

  async retry(program: ProgramRef, threadTs: string, userId: string): Promise<Result<Run>> {
    const run = await this.repos.runs.get(program, threadTs);
    if (run === undefined) return fail('not_found', 'this run is no longer stored');
    const allowed = await this.allowed(run, userId, 'run.retry');
    if (!allowed.ok) return allowed;
    if (run.state !== 'failed') return fail('conflict', `this run is ${run.state}, not failed`);
    const resumeIn: RunState = run.failedIn ?? 'routing';
    const { error: _error, failedIn: _failedIn, ...rest } = run;
    const moved = await this.worker.move(rest as Run, resumeIn);
    if (moved === undefined) return fail('conflict', 'someone else retried this run already');
    await this.worker.advance(program, threadTs);
    return ok(moved);
  }

  /** The "Run as Ultrawork" offer on a low-impact planned request. */
  async runAsUltrawork(program: ProgramRef, threadTs: string, userId: string): Promise<Result<Run>> {
    const run = await this.repos.runs.get(program, threadTs);
    if (run === undefined) return fail('not_found', 'this run is no longer stored');
    if (userId !== run.requesterId) return fail('forbidden', 'only the person who asked can change how this request runs');
    if (run.route !== 'planned' || run.impact !== 'low' || !['clarifying', 'awaiting_answer', 'reviewing', 'failed'].includes(run.state)) {
      return fail('conflict', 'this run can no longer switch to ultrawork');
    }
    if (await this.worker.busy(program, threadTs)) return fail('conflict', 'the run is busy with a step; try again when it finishes');
    const moved = await this.worker.move(run, 'executing', { route: 'ultrawork', offerUltrawork: false });
    if (moved === undefined) return fail('conflict', 'the run changed at the same moment; try again');
    await this.thread.post(moved, { type: 'switched_to_ultrawork', by: userId });
    await this.worker.advance(program, threadTs);
    return ok(moved);
  }
}
