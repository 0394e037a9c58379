// What waits for a person: plan versions and assets waiting for a decision, and questions a run asked,
// each with whose click or answer it waits for. Read by App Home (what waits for me), `/ohmymkt runs`
// (whom a run waits on) and the approval reminders.
import { approvalNeeded, type ApprovalNeed } from '../domain/permissions.ts';
import { planLabel } from '../domain/plans.ts';
import type { ProgramRef } from '../domain/program.ts';
import { programKey } from '../domain/program.ts';
import type { Run } from '../domain/runs.ts';
import type { ProgramState } from '../store/repos/program-state.ts';
import { approvalNote } from './approvers.ts';
import type { ServiceDeps } from './deps.ts';

export type PendingKind = 'plan' | 'asset' | 'question';

export interface PendingItem {
  program: ProgramRef;
  kind: PendingKind;
  /** The run's thread, where the card or the question is. */
  threadTs: string;
  /** Plain words, not yet escaped: "PLAN-1 v2 · Q1 launch", "AST-3 · Launch email", the question. */
  title: string;
  /** When it started waiting: the run's last move, or the asset's move to review. */
  since: Date;
  requesterId: string;
  need: ApprovalNeed;
  /** Stable per decision asked for: a new plan version or a second review of an asset is a new key. */
  key: string;
}

/** Whether `userId` may answer this item (the permission table, four-eyes included). */
export function mayAnswer(item: PendingItem, userId: string): boolean {
  return (item.need.requesterMay && item.requesterId === userId) || item.need.approvers.includes(userId);
}

/** Everyone an item waits on: the requester when their click counts, and the approvers. */
export function waitingOn(need: ApprovalNeed): string[] {
  return [...(need.requesterMay ? [need.requesterId] : []), ...need.approvers];
}

const threadOfRunId = (runId: string | undefined): string | undefined => runId?.split(':').at(-1);

/** The channel's state, loaded once per program however many items it has. */
function stateCache(deps: ServiceDeps): (program: ProgramRef) => Promise<ProgramState> {
  const loaded = new Map<string, Promise<ProgramState>>();
  return (program) => {
    const key = programKey(program);
    let state = loaded.get(key);
    if (!state) {
      state = deps.repos.programs.load(program).then((versioned) => versioned.state);
      loaded.set(key, state);
    }
    return state;
  };
}

async function fromRun(deps: ServiceDeps, run: Run, stateOf: (program: ProgramRef) => Promise<ProgramState>): Promise<PendingItem | undefined> {
  const program = { teamId: run.teamId, channelId: run.channelId };
  const base = { program, threadTs: run.threadTs, since: run.updatedAt, requesterId: run.requesterId };
  if (run.state === 'awaiting_approval' && run.approval) {
    const { planId, version } = run.approval;
    const plan = await deps.repos.plans.get(program, planId, version);
    const title = `${planLabel({ id: planId, version })} · ${plan?.value.name ?? 'plan'}`;
    return { ...base, kind: 'plan', title, need: await approvalNote(deps, run), key: `plan:${planId}:v${version}` };
  }
  if (run.state === 'awaiting_answer') {
    // Answering is the requester's and the approvers' (rules §14), whatever four-eyes says of plans.
    const state = await stateOf(program);
    const need = approvalNeeded(run.requesterId, state.approvers, { highImpact: false, fourEyes: false });
    return { ...base, kind: 'question', title: run.question ?? 'a question in the thread', need, key: `question:${run.rev}` };
  }
  return undefined;
}

/** What one run waits for, if anything: its plan's approval or its question. */
export function pendingOfRun(deps: ServiceDeps, run: Run): Promise<PendingItem | undefined> {
  return fromRun(deps, run, stateCache(deps));
}

/**
 * Everything waiting in one workspace, or in all of them: plans waiting for approval, questions
 * (unless `decisionsOnly`), and assets in review that a run put up (so they have a thread).
 */
export async function pendingItems(deps: ServiceDeps, options: { teamId?: string; decisionsOnly?: boolean } = {}): Promise<PendingItem[]> {
  const stateOf = stateCache(deps);
  const states = options.decisionsOnly ? (['awaiting_approval'] as const) : (['awaiting_approval', 'awaiting_answer'] as const);
  const runs = await deps.repos.runs.inStates(states, options.teamId);
  const fromRuns = await Promise.all(runs.map((run) => fromRun(deps, run, stateOf)));
  const inReview = await deps.repos.assets.acrossPrograms({ status: 'review' }, options.teamId);
  const assets = await Promise.all(
    inReview.map(async ({ program, value: asset }): Promise<PendingItem | undefined> => {
      const threadTs = threadOfRunId(asset.updatedBy.runId ?? asset.createdBy.runId);
      const run = threadTs === undefined ? undefined : await deps.repos.runs.get(program, threadTs);
      if (run === undefined || threadTs === undefined) return undefined;
      const need = await approvalNote(deps, { ...program, requesterId: run.requesterId, impact: 'low' });
      const key = `asset:${asset.id}:${asset.updatedAt.getTime()}`;
      return { program, kind: 'asset', threadTs, title: `${asset.id} · ${asset.name}`, since: asset.updatedAt, requesterId: run.requesterId, need, key };
    }),
  );
  return [...fromRuns, ...assets].filter((item): item is PendingItem => item !== undefined).sort((a, b) => a.since.getTime() - b.since.getTime());
}
