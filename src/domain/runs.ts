// A run is one request in one Slack thread, kept as a persisted state machine. This module says which
// states exist, which ones a worker advances and which wait for a person, and which moves are legal.
import { z } from 'zod';

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
export const WORKING_STATES: readonly RunState[] = ['routing', 'clarifying', 'reviewing', 'executing', 'reporting'];
export const WAITING_STATES: readonly RunState[] = ['awaiting_answer', 'awaiting_approval'];
export const FINAL_STATES: readonly RunState[] = ['done', 'cancelled'];

export function isWorking(state: RunState): boolean {
  return WORKING_STATES.includes(state);
}

const NEXT: Record<RunState, readonly RunState[]> = {
  routing: ['clarifying', 'executing', 'failed', 'cancelled'],
  clarifying: ['awaiting_answer', 'reviewing', 'failed', 'cancelled'],
  awaiting_answer: ['clarifying', 'cancelled'],
  reviewing: ['clarifying', 'awaiting_approval', 'failed', 'cancelled'],
  awaiting_approval: ['executing', 'clarifying', 'cancelled'],
  executing: ['awaiting_approval', 'reporting', 'failed', 'cancelled'],
  reporting: ['done', 'failed', 'cancelled'],
  // A failed run keeps the phase it failed in, so Retry resumes exactly there.
  failed: ['routing', 'clarifying', 'reviewing', 'executing', 'reporting', 'cancelled'],
  done: [],
  cancelled: [],
};

export function canMove(from: RunState, to: RunState): boolean {
  return NEXT[from].includes(to);
}

/** Words in the thread that stop a run, alone on the line ("cancel", "stop"). */
export function isCancelRequest(text: string): boolean {
  return /^\s*(cancel|stop|abort)\s*[.!]?\s*$/i.test(text);
}

/** How often the reviewer may send a plan back before the run asks a person for help. */
export const MAX_REVIEW_ROUNDS = 3;
