// What a run needs from the outside: a way to run an agent and a way to speak in its Slack thread.
// The Slack adapter and the Claude-backed agent loop implement these; the run machinery is vendor-free.
import type { AgentName, RouteName } from '../domain/agents.ts';
import type { Asset, AssetDecision } from '../domain/assets.ts';
import type { Plan } from '../domain/plans.ts';
import type { GrowthReport } from '../domain/reports.ts';
import type { RunFacts } from '../domain/run-facts.ts';
import type { ProgramRef } from '../domain/program.ts';
import type { ToolEvent } from '../agents/tools/types.ts';
import type { ProviderCategory } from '../domain/providers.ts';
import type { GeneratedMedia } from '../providers/port.ts';
import type { Run } from '../domain/runs.ts';
import type { ReviewSubmission } from '../domain/review-verdict.ts';
import type { RetryNotice } from '../llm/model.ts';
import type { ProgressChange } from './progress.ts';

export type AgentOutcome =
  /** `review`: plan-reviewer's verdict as it handed it over, when the invocation expected one. */
  | { kind: 'done'; text: string; review?: ReviewSubmission }
  /** `waiting` is the asker's conversation, opaque to the run, handed back with the person's answer. */
  | { kind: 'question'; text: string; waiting: string }
  | { kind: 'budget_exhausted'; text: string }
  | { kind: 'refused'; text: string }
  | { kind: 'failed'; error: Error };

export interface AgentInvocation {
  agent: AgentName;
  /** The task in words, with everything the agent needs from stored state. */
  task: string;
  program: ProgramRef;
  runId: string;
  route: RouteName;
  requesterId: string;
  /** False for growth-manager's framing and closing: the run's phases hand the work on, not the agent. */
  delegation?: boolean;
  /** Told when a high-cost tool was refused for want of an approved plan, so the run can ask a person. */
  onReviewRequired: (action: string) => void;
  /** Told when a risky tool was refused because a high incident pauses the program. */
  onPaused: (action: string, reason: string) => void;
  /** Told of media a tool produced and of providers a tool found missing or broken. */
  onToolEvent: (event: ToolEvent) => void;
  /** `review`: the agent must hand over a typed verdict (plan-reviewer's submit_review). */
  expect?: 'review';
  /** Aborted on Cancel or a lost lease: nothing more starts. */
  signal?: AbortSignal;
  /** Told while a transient Claude failure is waited out. */
  onRetry?: (notice: RetryNotice) => void;
  /** Names the step, so one started again after a crash replays what it already did (see the agent loop). */
  journal?: string;
  /** Told when an agent hands a task to another (execution-manager → a specialist), before it starts. */
  onDelegation?: (delegation: Delegation) => void;
  /** Told when a delegated agent ends its task, with what it handed back. */
  onAgentDone?: (done: AgentDone) => void;
}

export interface Delegation {
  from: AgentName;
  to: AgentName;
  task: string;
}

export interface AgentDone {
  agent: AgentName;
  /** False when it declined, failed, or ran out of budget before finishing. */
  ok: boolean;
  text: string;
}

/** What a run cost, for the closing report: `costUsd` null when no call's model has a known price. */
export interface RunCost {
  inputTokens: number;
  outputTokens: number;
  /** Cache reads over all input tokens (uncached + cache reads + cache writes), 0 to 1. */
  cachedShare: number;
  costUsd: number | null;
  /** Calls whose model price is unknown, left out of `costUsd`. */
  unpricedCalls: number;
}

/** One tool call made again, outside a model turn (the provider runbook's retry once after a fix). */
export interface ToolRetry {
  agent: AgentName;
  tool: string;
  input: unknown;
  program: ProgramRef;
  runId: string;
  route: RouteName;
  requesterId: string;
}

export interface AgentRunner {
  /** Undefined when agents cannot run here (no Claude key): the reason, in words a person can act on. */
  unavailable(): string | undefined;
  run(invocation: AgentInvocation): Promise<AgentOutcome>;
  /** Continues the conversation that asked the question, with the person's answer as the reply. */
  resume(invocation: Omit<AgentInvocation, 'task'>, waiting: string, answer: string): Promise<AgentOutcome>;
  /** Runs one tool call again through the same checks; the events it reports come back with it. */
  retryTool(retry: ToolRetry): Promise<{ content: string; isError: boolean; events: ToolEvent[] }>;
}

/** How a run speaks in its thread. Every method posts in `run.threadTs`. */
export interface ThreadPort {
  post(run: Run, kind: ThreadPost): Promise<string | undefined>;
  /** Replaces a message the run posted earlier (e.g. the approval request once decided). */
  update(run: Run, messageTs: string, kind: ThreadPost): Promise<void>;
  /** A visible sign of work; best effort (a workspace may not support assistant status). */
  working(run: Run, status: string): Promise<void>;
  /**
   * The run's one progress message (its steps and their statuses) and the mark on its request, brought
   * up to the run's state; `change` adds what happened between moves. Best effort, like `working`.
   */
  progress(run: Run, change?: ProgressChange): Promise<void>;
}

export type ThreadPost =
  | { type: 'route'; offerUltrawork: boolean; description: string }
  | { type: 'agent'; agent: AgentName; text: string }
  /** One line in the thread: an agent handed a task to another. */
  | { type: 'delegation'; from: AgentName; to: AgentName; task: string }
  /** `agent`: who asks (requirements-analyst); absent when the run itself asks. */
  | { type: 'question'; text: string; agent?: AgentName }
  /** `changes`: for a version after the first, what its requirements changed since the one before. */
  | { type: 'plan'; plan: Plan; kind: 'plan' | 'high_cost'; action?: string; changes?: { since: number; lines: string[] } }
  /**
   * `gatesPass`: for an approved plan, whether the program's startup gates pass now, so its card offers
   * Start campaign only when the start can succeed. `publishers`: for an approved asset, the publish
   * providers configured in the channel (labels), so its card offers Publish only when there is one.
   */
  | { type: 'decided'; plan: Plan; decision: 'approved' | 'rejected'; by: string; at: Date; reason?: string; gatesPass?: boolean }
  /**
   * `facts`: what this run changed and what was refused, from the app's records (never the model's text);
   * `report`: the program's standing; `blocked`: channels a provider problem took out; `waiting`: what
   * needs a person's click (assets in review).
   */
  | { type: 'report'; facts: RunFacts; report: GrowthReport; actions: string[]; summary: string; blocked: string[]; waiting: string[]; cost?: RunCost }
  /** `retryable`: whether pressing Retry can help, so the button is offered only then. */
  | { type: 'failed'; message: string; retryable: boolean }
  | { type: 'artifact'; name: string; assetId: string; media: GeneratedMedia }
  | { type: 'asset_review'; asset: Asset }
  | { type: 'asset_decided'; asset: Asset; decision: AssetDecision; by: string; at: Date; publishers?: string[] }
  | { type: 'provider_problem'; issue: number; category: ProviderCategory; provider: string; code: string; message: string }
  /** The run tried to start the campaign: it started, or was refused with the reasons a person can act on. */
  | { type: 'campaign'; started: boolean; planId?: string; version?: number; reasons: string[] }
  /** A person's Publish: the post went out (`url`, media left out by the platform), or why it did not. */
  | { type: 'publication'; assetId: string; name: string; platform: string; by: string; published: boolean; url?: string; reasons: string[] }
  /** A risky tool refused because a high incident pauses the program; guarded work goes on. */
  | { type: 'paused'; action: string; reason: string }
  /** A high-cost tool met the review gate: the plan is reviewed before it runs. */
  | { type: 'review_gate'; action: string; planId: string; version: number }
  | { type: 'cancelled'; by: string }
  | { type: 'switched_to_ultrawork'; by: string }
  /** After a person configured a provider: the failed call ran again and succeeded. */
  | { type: 'provider_fixed'; by: string; tool: string }
  /** After a person configured a provider: the call still fails; the run goes on without the channel. */
  | { type: 'provider_still_failing'; tool: string; why: string; category: ProviderCategory; incidentId?: string };
