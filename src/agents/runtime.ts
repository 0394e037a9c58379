// What the agent loop is given and what it gives back: the runtime (model, prompts, services), one run's
// request and limits, and an agent's outcome, including the open conversations a question leaves behind.
import type { AgentName, RouteName } from '../domain/agents.ts';
import type { ProgramRef } from '../domain/program.ts';
import type { Fail } from '../domain/result.ts';
import type { ReviewSubmission } from '../domain/review-verdict.ts';
import type { ConversationMessage, Model, RetryNotice, ToolResultBlock } from '../llm/model.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { AgentModels } from './models.ts';
import type { PromptSet } from './prompts.ts';
import type { ToolEvent } from './tools/types.ts';

export interface RunLimits {
  maxDepth: number;
  maxSteps: number;
}

export const DEFAULT_LIMITS: RunLimits = { maxDepth: 3, maxSteps: 60 };

export interface AgentRuntime {
  model: Model;
  prompts: PromptSet;
  services: ServiceDeps;
  models: AgentModels;
  limits?: Partial<RunLimits>;
  /** The operator's `max_tokens` per agent, over the room each role gets by default (reasoning.ts). */
  maxTokens?: Readonly<Partial<Record<AgentName, number>>>;
  /**
   * Told of every business "no" a tool answers (e.g. `review_required` from a high-cost tool), so the
   * run can act on it — in ultrawork, post an approval request — while the agent reads the refusal.
   */
  onRefusal?: (tool: string, failure: Fail) => void;
  /** Told of what a tool produced or ran into outside the conversation (media, a broken provider). */
  onToolEvent?: (event: ToolEvent) => void;
  /** Told when an agent hands a task to another, before the other starts: the run shows who works on what. */
  onDelegation?: (delegation: { from: AgentName; to: AgentName; task: string; depth: number }) => void;
  /** Told when a delegated agent ends (not when it stops to ask the person), with what it hands back. */
  onAgentDone?: (done: { agent: AgentName; ok: boolean; text: string; depth: number }) => void;
}

export interface AgentRunRequest {
  runId: string;
  program: ProgramRef;
  route: RouteName;
  /** The person the run acts for; audit entries carry them with the agent and the run. */
  requesterId: string;
  /** Default: the route's entry agent. */
  agent?: AgentName;
  /** The task, or a whole conversation to continue. */
  input: string | ConversationMessage[];
  /**
   * False when the caller runs the next agents itself (the run's persisted phases), so this call must
   * not hand work on: the role card says so and a `delegate` call is refused.
   */
  delegation?: boolean;
  /** The run is asking for a typed answer: `review` means plan-reviewer must call `submit_review`. */
  expect?: 'review';
  /** Cancel or a lost lease: no model call starts and no tool runs once it is aborted. */
  signal?: AbortSignal;
  /** Told while a transient Claude failure is waited out, so the thread can say so. */
  onRetry?: (notice: RetryNotice) => void;
  /**
   * Names this step of the run. Its model turns and tool answers are journaled under it, and a step
   * started again under the same name (after a crash) replays them instead of asking and acting again.
   */
  journal?: string;
}

/** One agent's open conversation while the run waits for the person: outermost first, the asker last. */
export interface WaitingFrame {
  agent: AgentName;
  depth: number;
  /** Ends with the assistant turn holding the pending call. */
  conversation: ConversationMessage[];
  /** Results of the other calls of that turn, to send along with the answer. */
  results: ToolResultBlock[];
  toolUseId: string;
}

export type AgentOutcome =
  | { kind: 'done'; text: string; review?: ReviewSubmission }
  | { kind: 'question'; text: string; frames: WaitingFrame[] }
  | { kind: 'budget_exhausted'; text: string }
  | { kind: 'refused'; text: string }
  | { kind: 'failed'; error: Error };
