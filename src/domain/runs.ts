// A run is one request in one Slack thread, kept as a persisted state machine. This module says which
// states exist, which ones a worker advances and which wait for a person, and which moves are legal.
import { z } from 'zod';
import { AgentNameSchema, ROUTE_NAMES } from './agents.ts';
import type { ProgramRef } from './program.ts';
import { PROVIDER_CATEGORIES, PROVIDER_FAILURE_CODES } from './providers.ts';

export const RUN_STATES = [
  'routing',
  'clarifying',
  'awaiting_answer',
  'reviewing',
  'awaiting_approval',
  'executing',
  'reporting',
  'done',
  'failed',
  'cancelled',
] as const;
export const RunStateSchema = z.enum(RUN_STATES);
export type RunState = z.infer<typeof RunStateSchema>;

/** States a worker moves forward on its own; the others wait for a person or are over. */
export const WORKING_STATES = ['routing', 'clarifying', 'reviewing', 'executing', 'reporting'] as const satisfies readonly RunState[];
export type WorkingState = (typeof WORKING_STATES)[number];
export const WAITING_STATES: readonly RunState[] = ['awaiting_answer', 'awaiting_approval'];
export const FINAL_STATES: readonly RunState[] = ['done', 'cancelled'];

export function isWorking(state: RunState): state is WorkingState {
  return (WORKING_STATES as readonly RunState[]).includes(state);
}

/**
 * Every move a run makes, and only those: the worker refuses any other. A failed run keeps the phase
 * it failed in, so Retry resumes exactly there; any run not over can be cancelled.
 */
export const TRANSITIONS: Readonly<Record<RunState, readonly RunState[]>> = {
  routing: ['clarifying', 'executing', 'failed', 'cancelled'],
  // "Run as Ultrawork" switches a low-impact planned run straight to execution.
  clarifying: ['awaiting_answer', 'reviewing', 'executing', 'failed', 'cancelled'],
  awaiting_answer: ['clarifying', 'executing', 'cancelled'],
  // A plan failing review too often becomes a question to the person.
  reviewing: ['clarifying', 'awaiting_answer', 'awaiting_approval', 'executing', 'failed', 'cancelled'],
  awaiting_approval: ['executing', 'clarifying', 'cancelled'],
  // The review gate comes back when a high-cost tool is refused for want of an approved plan.
  executing: ['reviewing', 'reporting', 'failed', 'cancelled'],
  reporting: ['done', 'failed', 'cancelled'],
  failed: ['routing', 'clarifying', 'reviewing', 'executing', 'reporting', 'cancelled'],
  done: [],
  cancelled: [],
};

export function canMove(from: RunState, to: RunState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Words in the thread that stop a run, alone on the line ("cancel", "stop"). */
export function isCancelRequest(text: string): boolean {
  return /^\s*(cancel|stop|abort)\s*[.!]?\s*$/i.test(text);
}

/** How often the reviewer may send a plan back before the run asks a person for help. */
export const MAX_REVIEW_ROUNDS = 3;

export const MAX_RUN_ANSWERS = 20;
export const MAX_RUN_FEEDBACK = 10;

export const MAX_PROVIDER_ISSUES = 10;

/** A generation or publishing call that hit a missing or broken provider: fixed by a person, retried once. */
export const ProviderIssueSchema = z.object({
  agent: AgentNameSchema,
  tool: z.string().min(1),
  /** The call's input as JSON, to run it again unchanged after the fix. */
  input: z.string(),
  category: z.enum(PROVIDER_CATEGORIES),
  provider: z.string().min(1),
  code: z.enum(PROVIDER_FAILURE_CODES),
  message: z.string(),
  status: z.enum(['waiting', 'retrying', 'resolved', 'failed']),
  incidentId: z.string().optional(),
});
export type ProviderIssue = z.infer<typeof ProviderIssueSchema>;

export const RunSchema = z.object({
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  threadTs: z.string().min(1),
  requesterId: z.string().min(1),
  request: z.string(),
  route: z.enum(ROUTE_NAMES),
  impact: z.enum(['high', 'low']),
  evidence: z.array(z.string()),
  /** The first reply's "Route: … — why" sentence, decided when the run was created. */
  routeNote: z.string(),
  offerUltrawork: z.boolean(),
  state: RunStateSchema,
  failedIn: RunStateSchema.optional(),
  error: z.string().optional(),
  planId: z.string().optional(),
  planVersion: z.number().int().optional(),
  reviewRounds: z.number().int().min(0),
  feedback: z.array(z.string()).max(MAX_RUN_FEEDBACK),
  answers: z.array(z.object({ userId: z.string(), text: z.string(), at: z.date() })).max(MAX_RUN_ANSWERS),
  question: z.string().optional(),
  /** The asker's conversation while the run waits for an answer, so the answer continues it. */
  waiting: z.string().optional(),
  approval: z
    .object({ kind: z.enum(['plan', 'high_cost']), planId: z.string(), version: z.number().int(), messageTs: z.string().optional(), action: z.string().optional() })
    .optional(),
  approvedPlan: z.object({ planId: z.string(), version: z.number().int() }).optional(),
  summary: z.string().optional(),
  providerIssues: z.array(ProviderIssueSchema).max(MAX_PROVIDER_ISSUES).default([]),
  rev: z.number().int().min(1),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Run = z.infer<typeof RunSchema>;

/** Anything of a run but where it lives, its revision and its state, which changes only by a move. */
export type RunPatch = Partial<Omit<Run, 'teamId' | 'channelId' | 'threadTs' | 'rev' | 'createdAt' | 'state'>>;

export function runProgram(run: Pick<Run, 'teamId' | 'channelId'>): ProgramRef {
  return { teamId: run.teamId, channelId: run.channelId };
}
