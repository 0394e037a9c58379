// One step of a run per working state: routing, clarifying, reviewing, executing, reporting. Each
// step reads stored state, runs at most one agent, and moves the run by compare-and-set.
import { checklistVerdictOf, reviewLines } from '../domain/review-verdict.ts';
import { AbortedError, type RetryNotice } from '../llm/model.ts';
import { MAX_PROVIDER_ISSUES, MAX_REVIEW_ROUNDS, MAX_RUN_FEEDBACK, isWorking, runProgram, type ProviderIssue, type Run } from '../domain/runs.ts';
import { currentVersions, reviewFailures, type Plan } from '../domain/plans.ts';
import { requirementsDiff } from '../domain/plan-diff.ts';
import type { Actor } from '../domain/program.ts';
import type { Result } from '../domain/result.ts';
import { listAssets } from '../services/assets.ts';
import { createPlan, recordPlanReview } from '../services/plans.ts';
import { growthReport } from '../services/reports.ts';
import { factsOfRun } from '../services/run-facts.ts';
import { history } from '../services/cycles.ts';
import { CATEGORY_LABELS } from '../domain/providers.ts';
import type { ToolEvent } from '../agents/tools/types.ts';
import type { AgentInvocation, AgentOutcome, ThreadPort } from './ports.ts';
import { analystTask, closingTask, executionTask, framingTask, reviewerTask } from './tasks.ts';
import { speakingHierarchy } from './hierarchy.ts';
import { runCost } from './cost.ts';
import type { PhaseContext } from './phase-context.ts';

/** A service "no" inside a phase is a failure of the phase, reported in the thread with Retry. */
function valueOr<T>(result: Result<T>): T {
  if (!result.ok) throw new Error([result.message, ...(result.reasons ?? [])].join('; '));
  return result.value;
}

function runActor(run: Run, agent?: string): Actor {
  return { userId: run.requesterId, surface: agent ? 'agent' : 'mention', ...(agent ? { agent } : {}), runId: runId(run) };
}

export function runId(run: Run): string {
  return `${run.teamId}:${run.channelId}:${run.threadTs}`;
}

async function plan(ctx: PhaseContext, run: Run): Promise<Plan> {
  if (!run.planId || !run.planVersion) throw new Error('the run has no plan yet');
  const stored = await ctx.services.repos.plans.get(runProgram(run), run.planId, run.planVersion);
  if (!stored) throw new Error(`plan ${run.planId} v${run.planVersion} is missing from the store`);
  return stored.value;
}

/**
 * Runs an agent; anything but a finished answer or a question becomes an error the run reports.
 * A risky tool refused by a high incident's pause is said in the thread: the run stopped before it.
 */
interface InvokeOptions {
  agent: AgentInvocation['agent'];
  /** A fresh task, or the answer that continues the conversation waiting for it. */
  input: string | { waiting: string; answer: string };
  /** Told when a high-cost tool meets the review gate. */
  onReviewRequired?: (action: string) => void;
  /** False when this step hands the work on itself (growth-manager's framing and closing). */
  delegation?: boolean;
}

async function invoke(
  ctx: PhaseContext,
  run: Run,
  { agent, input, onReviewRequired = () => undefined, delegation = true }: InvokeOptions,
): Promise<AgentOutcome & { kind: 'done' | 'question'; issues: ProviderIssue[] }> {
  await ctx.thread.working(run, `${agent} is working…`);
  await ctx.thread.progress(run);
  const { signal } = ctx;
  const events: ToolEvent[] = [];
  const hierarchy = speakingHierarchy(ctx.thread, run, signal);
  // The review sequence is the planned route's, also when an ultrawork run's review gate brings it back.
  const route = agent === 'requirements-analyst' || agent === 'plan-reviewer' ? 'planned' : run.route;
  const paused = new Map<string, string>();
  const invocation = {
    agent,
    program: runProgram(run),
    runId: runId(run),
    route,
    requesterId: run.requesterId,
    ...(delegation ? {} : { delegation: false }),
    ...(agent === 'plan-reviewer' ? { expect: 'review' as const } : {}),
    ...(signal ? { signal } : {}),
    // One name per step of the run: the run's revision changes with every move, so only a step that
    // was interrupted (a crash, a handed-back lease) is started again under the same name.
    journal: `${runId(run)}@${run.rev}:${run.state}:${agent}`,
    onRetry: (notice: RetryNotice) => void ctx.thread.working(run, retryStatus(notice)),
    onReviewRequired,
    onPaused: (action: string, reason: string) => paused.set(action, reason),
    onToolEvent: (event: ToolEvent) => events.push(event),
    onDelegation: hierarchy.onDelegation,
    onAgentDone: hierarchy.onAgentDone,
  };
  const outcome =
    typeof input === 'string'
      ? await ctx.agents.run({ ...invocation, task: input })
      : await ctx.agents.resume(invocation, input.waiting, input.answer);
  await hierarchy.settled();
  // After Cancel nothing of the agent's reaches the thread, whatever it managed to answer.
  if (signal?.aborted) throw new AbortedError(String(signal.reason));
  for (const [action, reason] of paused) {
    await ctx.thread.post(run, { type: 'paused', action, reason });
  }
  const issues = await shareToolEvents(ctx.thread, run, events);
  if (outcome.kind === 'failed') throw outcome.error;
  if (outcome.kind === 'refused') throw new Error(`${agent} declined: ${outcome.text}`);
  if (outcome.kind === 'budget_exhausted') throw new Error(`${agent} used its whole step budget without finishing: ${outcome.text}`);
  return { ...outcome, issues };
}

const RETRY_WHAT: Record<RetryNotice['reason'], string> = {
  overloaded: 'Claude is overloaded',
  rate_limited: 'Claude is rate limiting',
  unavailable: 'Claude is unreachable',
  stalled: "Claude's answer stalled",
};

function retryStatus(notice: RetryNotice): string {
  return `${RETRY_WHAT[notice.reason]}, retrying (${notice.attempt}/${notice.of})…`;
}

/**
 * Media goes into the thread, and so does each asset that moved into review, with Approve / Send back;
 * each missing or broken provider becomes an issue with a Configure button (the call is retried once
 * after the fix). Returns the new issues for the run to store.
 */
export async function shareToolEvents(thread: ThreadPort, run: Run, events: ToolEvent[]): Promise<ProviderIssue[]> {
  const issues: ProviderIssue[] = [];
  for (const event of events) {
    if (event.type === 'artifact') {
      await thread.post(run, { type: 'artifact', name: event.name, assetId: event.assetId, media: event.media });
      continue;
    }
    if (event.type === 'asset_review') {
      await thread.post(run, { type: 'asset_review', asset: event.asset });
      continue;
    }
    if (event.type === 'campaign') {
      const { type: _type, ...outcome } = event;
      await thread.post(run, { type: 'campaign', ...outcome });
      continue;
    }
    const index = run.providerIssues.length + issues.length;
    if (index >= MAX_PROVIDER_ISSUES) continue;
    issues.push({ agent: event.agent, tool: event.tool, input: JSON.stringify(event.input), category: event.category, provider: event.provider, code: event.code, message: event.message, status: 'waiting' });
    await thread.post(run, { type: 'provider_problem', issue: index, category: event.category, provider: event.provider, code: event.code, message: event.message });
  }
  return issues;
}

async function routing(ctx: PhaseContext, run: Run): Promise<Run | undefined> {
  const { thread, agents, services } = ctx;
  await thread.post(run, { type: 'route', offerUltrawork: run.offerUltrawork, description: run.routeNote });
  const unavailable = agents.unavailable();
  if (unavailable) {
    const failed = await ctx.move(run, 'failed', { failedIn: 'routing', error: unavailable });
    if (failed) await thread.post(failed, { type: 'failed', message: unavailable, retryable: true });
    return failed;
  }
  const framed = await invoke(ctx, run, { agent: 'growth-manager', input: framingTask(run), delegation: false });
  await thread.post(run, { type: 'agent', agent: 'growth-manager', text: framed.text });
  await thread.progress(run, { kind: 'output', step: 'frame', output: framed.text });
  if (run.route === 'ultrawork') return ctx.move(run, 'executing', { summary: framed.text });
  const created = valueOr(await createPlan(services, runProgram(run), runActor(run), run.request));
  return ctx.move(run, 'clarifying', { summary: framed.text, planId: created.id, planVersion: created.version });
}

async function clarifying(ctx: PhaseContext, run: Run): Promise<Run | undefined> {
  // An answer to the analyst's own question continues its conversation; anything else starts afresh.
  const answer = run.answers.at(-1);
  const { waiting, ...rest } = run;
  const input = waiting && answer ? { waiting, answer: answer.text } : analystTask(run, await plan(ctx, run));
  const outcome = await invoke(ctx, run, { agent: 'requirements-analyst', input });
  if (outcome.kind === 'question') {
    await ctx.thread.post(run, { type: 'question', text: outcome.text, agent: 'requirements-analyst' });
    return ctx.move(rest, 'awaiting_answer', { question: outcome.text, waiting: outcome.waiting });
  }
  await ctx.thread.post(run, { type: 'agent', agent: 'requirements-analyst', text: outcome.text });
  await ctx.thread.progress(run, { kind: 'output', step: 'clarify', output: outcome.text });
  return ctx.move(rest, 'reviewing');
}

async function reviewing(ctx: PhaseContext, run: Run): Promise<Run | undefined> {
  const { thread, services } = ctx;
  const current = await plan(ctx, run);
  const outcome = await invoke(ctx, run, { agent: 'plan-reviewer', input: reviewerTask(current) });
  // The loop only ends plan-reviewer's turn with a verdict in hand (it asks once more, then fails).
  if (outcome.kind !== 'done' || !outcome.review) throw new Error('plan-reviewer ended without handing over its verdict');
  const reviewed = await recordPlanReview(services, runProgram(run), runActor(run, 'plan-reviewer'), { id: current.id, version: current.version }, checklistVerdictOf(outcome.review).verdict);
  const reviewedPlan = valueOr(reviewed);
  await thread.post(run, { type: 'agent', agent: 'plan-reviewer', text: reviewLines(outcome.review).join('\n') });
  await thread.progress(run, { kind: 'output', step: 'review', output: reviewLines(outcome.review)[0] ?? outcome.review.verdict });
  if (reviewedPlan.status === 'in_review') {
    const kind = run.approval?.kind === 'high_cost' ? 'high_cost' : 'plan';
    const action = run.approval?.action;
    // A later version says what changed since the one before, so a reviewer need not compare by eye.
    const before = reviewedPlan.version > 1 ? await services.repos.plans.get(runProgram(run), reviewedPlan.id, reviewedPlan.version - 1) : undefined;
    const changes = before ? { since: before.value.version, lines: requirementsDiff(before.value.requirements, reviewedPlan.requirements) } : undefined;
    const messageTs = await thread.post(run, { type: 'plan', plan: reviewedPlan, kind, ...(action ? { action } : {}), ...(changes ? { changes } : {}) });
    return ctx.move(run, 'awaiting_approval', {
      approval: { kind, planId: current.id, version: current.version, ...(messageTs ? { messageTs } : {}), ...(action ? { action } : {}) },
    });
  }
  const failures = reviewFailures(reviewedPlan).slice(0, MAX_RUN_FEEDBACK);
  if (run.reviewRounds + 1 >= MAX_REVIEW_ROUNDS) {
    const question = `The plan failed review ${MAX_REVIEW_ROUNDS} times. What is missing?\n${failures.map((f) => `• ${f}`).join('\n')}`;
    await thread.post(run, { type: 'question', text: question });
    return ctx.move(run, 'awaiting_answer', { question, feedback: failures, reviewRounds: 0 });
  }
  return ctx.move(run, 'clarifying', { feedback: failures, reviewRounds: run.reviewRounds + 1 });
}

async function executing(ctx: PhaseContext, run: Run): Promise<Run | undefined> {
  const { services, thread } = ctx;
  const approved = run.approvedPlan ? (await services.repos.plans.get(runProgram(run), run.approvedPlan.planId, run.approvedPlan.version))?.value : undefined;
  let gated: string | undefined;
  const outcome = await invoke(ctx, run, {
    agent: 'execution-manager',
    input: executionTask(run, approved),
    onReviewRequired: (action) => {
      gated ??= action;
    },
  });
  await thread.post(run, { type: 'agent', agent: 'execution-manager', text: outcome.text });
  await thread.progress(run, { kind: 'output', step: 'execute', output: outcome.text });
  const providerIssues = [...run.providerIssues, ...outcome.issues];
  if (gated !== undefined && !approved) {
    // The review gate came back: review the program's current plan (one made from the request when
    // there is none) and ask a person before the high-cost action runs.
    const program = runProgram(run);
    const existing = currentVersions(await services.repos.plans.list(program)).find((p) => p.status === 'draft');
    const gatePlan = existing ?? valueOr(await createPlan(services, program, runActor(run), run.request));
    await thread.post(run, { type: 'review_gate', action: gated, planId: gatePlan.id, version: gatePlan.version });
    return ctx.move(run, 'reviewing', { planId: gatePlan.id, planVersion: gatePlan.version, approval: { kind: 'high_cost', planId: gatePlan.id, version: gatePlan.version, action: gated }, providerIssues });
  }
  return ctx.move(run, 'reporting', { summary: outcome.text, providerIssues });
}

// The closing report names what waits for a person; the whole list is one command away.
const MAX_WAITING_LISTED = 10;

async function reporting(ctx: PhaseContext, run: Run): Promise<Run | undefined> {
  const { services, thread } = ctx;
  const program = runProgram(run);
  const report = await growthReport(services, program, 30);
  const [latest] = (await history(services, program)).slice(-1);
  const actions = latest ? latest.actions : report.recommendations;
  // What the run changed comes from the app's own records; the closing agent is told the same facts
  // (it holds no tool that changes state, so they stay true after its turn).
  const facts = await factsOfRun(services, program, runId(run), run.createdAt);
  const closing = await invoke(ctx, run, { agent: 'growth-manager', input: closingTask(run, facts), delegation: false });
  const blocked = run.providerIssues
    .filter((issue) => issue.status !== 'resolved')
    .map((issue) => `${CATEGORY_LABELS[issue.category]}: ${issue.provider} ${issue.code.replace('_', ' ')}${issue.incidentId ? ` (${issue.incidentId})` : ' — waiting for configuration'}`);
  const inReview = (await listAssets(services, program)).filter((asset) => asset.status === 'review');
  const waiting = [
    ...inReview.slice(0, MAX_WAITING_LISTED).map((asset) => `${asset.id} ${asset.name} — waiting for Approve or Send back on its card`),
    ...(inReview.length > MAX_WAITING_LISTED ? [`and ${inReview.length - MAX_WAITING_LISTED} more: \`/ohmymkt assets\` lists them all`] : []),
  ];
  const cost = await runCost(services.repos, program, runId(run));
  await thread.post(run, { type: 'report', facts, report, actions, summary: closing.text, blocked, waiting, cost });
  return ctx.move(run, 'done');
}

/** The step for each state a worker advances; a working state without a step does not compile. */
export function runPhase(ctx: PhaseContext, run: Run): Promise<Run | undefined> {
  const { state } = run;
  // Waiting and final states have no step: the run stays as it is until a person or nothing moves it.
  if (!isWorking(state)) return Promise.resolve(run);
  switch (state) {
    case 'routing':
      return routing(ctx, run);
    case 'clarifying':
      return clarifying(ctx, run);
    case 'reviewing':
      return reviewing(ctx, run);
    case 'executing':
      return executing(ctx, run);
    case 'reporting':
      return reporting(ctx, run);
    default:
      return unreachable(state);
  }
}

function unreachable(state: never): never {
  throw new Error(`no step for the run state ${String(state)}`);
}
