// A run's progress as its people see it: the steps it goes through (frame, clarify, review, approval,
// execute with one task per delegation, report), each with its status and a one-line output, and the
// run's mood (working, waiting for a person, done, failed, cancelled). Vendor-free: the Slack and
// terminal renderers draw it; the fixed steps are derived from the stored run, so a run picked up by
// another replica or after a restart shows the same steps; delegations are added as they happen.
import type { AgentName } from '../domain/agents.ts';
import type { Run, RunState } from '../domain/runs.ts';

export const STEP_IDS = ['frame', 'clarify', 'review', 'approval', 'execute', 'report'] as const;
export type StepId = (typeof STEP_IDS)[number];
export type TaskStatus = 'pending' | 'in_progress' | 'complete' | 'error';
export type RunMood = 'working' | 'waiting' | 'done' | 'failed' | 'cancelled';

export interface ProgressTask {
  /** A step's id, or `delegation-<n>` for the n-th delegated task of the run. */
  id: string;
  title: string;
  status: TaskStatus;
  /** One line of what came of it (or what it waits for). */
  output?: string;
  /** Delegated tasks: who handed it on and who works it. */
  from?: AgentName;
  agent?: AgentName;
}

export interface RunProgress {
  mood: RunMood;
  tasks: ProgressTask[];
}

/** What happened to a delegated task, as the agent loop reports it. */
export type DelegationUpdate =
  | { kind: 'delegated'; from: AgentName; to: AgentName; task: string }
  | { kind: 'finished'; agent: AgentName; ok: boolean; output: string };

/** A change the run tells between its moves: a delegation, or the one-line outcome of a step. */
export type ProgressChange = DelegationUpdate | { kind: 'output'; step: StepId; output: string };

const STEP_TITLES: Record<StepId, string> = {
  frame: 'Frame the request',
  clarify: 'Clarify the requirements',
  review: 'Review the plan',
  approval: 'Approval by a person',
  execute: 'Execute',
  report: 'Closing report',
};

/** Which step a state belongs to; final states have none. */
const STEP_OF: Partial<Record<RunState, StepId>> = {
  routing: 'frame',
  clarifying: 'clarify',
  awaiting_answer: 'clarify',
  reviewing: 'review',
  awaiting_approval: 'approval',
  executing: 'execute',
  reporting: 'report',
};

/** Longest output line kept: a card shows one line, the thread holds the whole text. */
export const OUTPUT_CHARS = 200;
/** Delegated tasks shown; a run that delegates more shows the newest (the thread has every line). */
export const MAX_DELEGATED_TASKS = 20;

export function oneLine(text: string, max = OUTPUT_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function moodOf(state: RunState): RunMood {
  switch (state) {
    case 'awaiting_answer':
    case 'awaiting_approval':
      return 'waiting';
    case 'done':
    case 'failed':
    case 'cancelled':
      return state;
    default:
      return 'working';
  }
}

/** The run's steps in order: ultrawork skips clarify and review unless its review gate brought them back. */
export function stepsOf(run: Pick<Run, 'route' | 'approval' | 'approvedPlan' | 'planId'>): StepId[] {
  const reviewed = run.route === 'planned' || run.approval !== undefined || run.approvedPlan !== undefined;
  if (!reviewed) return ['frame', 'execute', 'report'];
  return run.route === 'planned' ? [...STEP_IDS] : ['frame', 'review', 'approval', 'execute', 'report'];
}

const WAITING_OUTPUT: Partial<Record<RunState, string>> = {
  awaiting_answer: 'waiting for an answer in the thread',
  awaiting_approval: 'waiting for Approve or Reject',
};

/**
 * The progress of `run` now. `previous` is what was shown before (its delegated tasks and outputs are
 * kept; a cancel marks what was under way as stopped); `change` is what just happened.
 */
export function progressOf(run: Run, previous?: RunProgress, change?: ProgressChange): RunProgress {
  if (change?.kind === 'output') return withOutput(progressOf(run, previous), change.step, change.output);
  const update = change;
  const mood = moodOf(run.state);
  const steps = stepsOf(run);
  const current = run.state === 'failed' ? (run.failedIn ? STEP_OF[run.failedIn] : undefined) : STEP_OF[run.state];
  const at = current === undefined ? (run.state === 'done' ? steps.length : -1) : steps.indexOf(current);
  const kept = new Map((previous?.tasks ?? []).map((task) => [task.id, task]));
  const fixed = steps.map((step, i): ProgressTask => {
    const before = kept.get(step);
    const base = { id: step, title: STEP_TITLES[step] };
    if (run.state === 'cancelled') {
      const status = before?.status === 'in_progress' ? 'error' : (before?.status ?? 'pending');
      return { ...base, status, ...(status === 'error' ? { output: 'cancelled' } : before?.output ? { output: before.output } : {}) };
    }
    if (at < 0 || i > at) return { ...base, status: 'pending' };
    if (i < at) return { ...base, status: 'complete', ...(before?.output ? { output: before.output } : {}) };
    if (run.state === 'failed') return { ...base, status: 'error', output: oneLine(run.error ?? 'failed') };
    const waiting = WAITING_OUTPUT[run.state];
    return { ...base, status: 'in_progress', ...(waiting ? { output: waiting } : before?.output ? { output: before.output } : {}) };
  });
  let delegated = (previous?.tasks ?? []).filter((task) => task.id.startsWith('delegation-'));
  if (run.state === 'cancelled') delegated = delegated.map((task) => (task.status === 'in_progress' ? { ...task, status: 'error', output: 'cancelled' } : task));
  if (update) delegated = applyDelegation(delegated, update);
  const execute = fixed.findIndex((task) => task.id === 'execute');
  const tasks = [...fixed.slice(0, execute + 1), ...delegated.slice(-MAX_DELEGATED_TASKS), ...fixed.slice(execute + 1)];
  return { mood, tasks };
}

function applyDelegation(tasks: ProgressTask[], update: DelegationUpdate): ProgressTask[] {
  if (update.kind === 'delegated') {
    const n = tasks.length === 0 ? 1 : Number(tasks.at(-1)?.id.slice('delegation-'.length)) + 1;
    return [...tasks, { id: `delegation-${n}`, title: oneLine(`${update.to}: ${update.task}`, 120), status: 'in_progress', from: update.from, agent: update.to }];
  }
  // The newest unfinished task of that agent is the one that finished (nested delegations finish inside out).
  let index = tasks.length - 1;
  while (index >= 0 && !(tasks[index]?.agent === update.agent && tasks[index]?.status === 'in_progress')) index -= 1;
  if (index < 0) return tasks;
  const done: ProgressTask = { ...(tasks[index] as ProgressTask), status: update.ok ? 'complete' : 'error', output: oneLine(update.output) };
  return tasks.map((task, i) => (i === index ? done : task));
}

/** The output a step leaves on its card, e.g. growth-manager's brief. */
function withOutput(progress: RunProgress, step: StepId, output: string): RunProgress {
  return { ...progress, tasks: progress.tasks.map((task) => (task.id === step ? { ...task, output: oneLine(output) } : task)) };
}
