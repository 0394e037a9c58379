// What one `/ohmymkt` command is (its words, grammar lines, parser and runner) and what it may use to
// run: each command file exports one CommandSpec, and table.ts lists them all.
import type { Actor, ProgramRef } from '../../domain/program.ts';
import type { PermissionAction } from '../../domain/permissions.ts';
import { fail, ok, type Fail, type Result } from '../../domain/result.ts';
import type { ActorRole } from '../../services/approvers.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { AgentRunner } from '../../runs/ports.ts';
import type { Message } from '../blocks/kit.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';

/** How a command's answers reach Slack: privately to the person, or visibly in the channel. */
export interface Replies {
  private(message: Message): Promise<void>;
  /** Posts in the channel; the message's ts, so a thread can hang off it. */
  channel(message: Message): Promise<string | undefined>;
  /** `broadcast`: the reply is also shown in the channel (an incident's resolution). */
  inThread(threadTs: string, message: Message, options?: { broadcast?: boolean }): Promise<void>;
}

export interface CommandContext {
  services: ServiceDeps;
  agents: AgentRunner;
  program: ProgramRef;
  actor: Actor;
  replies: Replies;
  /** Whether the person is a workspace admin: asked of Slack only when a command needs to know. */
  role(): Promise<ActorRole>;
  /** A link to a thread of this channel (`/ohmymkt runs`); undefined when Slack gave none. */
  threadLink?: (threadTs: string) => Promise<string | undefined>;
  /** `/ohmymkt ulw`: a run under a parent message of its own, since a slash command has none. */
  startRun(request: string): Promise<void>;
  /** `/ohmymkt provider`: opens the settings modal with the command's trigger. */
  openProviderSettings(): Promise<Result<void>>;
}

/**
 * A business "no" a command hands back; the dispatcher answers it privately. `command`: the word whose
 * usage is shown under it (none: the whole grammar).
 */
export interface Refusal {
  failure: Fail;
  command?: string;
}

export function refuse(failure: Fail, command?: string): Refusal {
  return command === undefined ? { failure } : { failure, command };
}

export interface CommandSpec<C extends { kind: string }> {
  /** The first word that names it, then its aliases; the first is also the prefix of every kind. */
  words: readonly string[];
  /** Its lines of the grammar `/ohmymkt help` shows, in order (indented lines are notes). */
  usage: readonly string[];
  /** `text`: the whole command as typed; `args`: the words after the command word. */
  parse(text: string, args: string[]): Result<C>;
  /** Kinds that change what the whole channel works from: approvers and admins only (rules §14). */
  guards?: Partial<Record<C['kind'], PermissionAction>>;
  /** Runs after the ack. Absent for help, which the dispatcher answers inside the ack from the whole table. */
  execute?(command: C, context: CommandContext): Promise<Refusal | void>;
}

export type CommandOf<S> = S extends CommandSpec<infer C> ? C : never;

/** Keeps a spec's own command type when it is written as an object literal. */
export function defineCommand<C extends { kind: string }>(spec: CommandSpec<C>): CommandSpec<C> {
  return spec;
}

/** Everything after the first `count` words of `text`, with the person's own spacing kept. */
export function rest(text: string, count: number): string {
  let remaining = text.trim();
  for (let i = 0; i < count; i += 1) remaining = remaining.replace(/^\S+\s*/, '');
  return remaining.trim();
}

export function noArguments<K extends string>(kind: K, extra: string[], usage: string): Result<{ kind: K }> {
  return extra.length === 0 ? ok({ kind }) : fail('usage', `\`${usage}\` takes nothing after it (got "${extra.join(' ')}")`);
}

/** "gate.field=value" (or "kpi=value") as the audit line says it: "gate.field → value", escaped. */
export function assignmentText(assignment: string): string {
  const at = assignment.indexOf('=');
  const said = at < 0 ? assignment : `${assignment.slice(0, at)} → ${assignment.slice(at + 1)}`;
  return mrkdwnEscape(said);
}
