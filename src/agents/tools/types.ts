// What every ohmymkt_* tool is: a typed zod input, a description the model acts on, and a handler
// over the services. Handlers answer with a value (sent as JSON) or a business "no" (an is_error result).
import { z } from 'zod';
import type { AgentName, ToolName } from '../../domain/agents.ts';
import type { Asset } from '../../domain/assets.ts';
import type { Actor, ProgramRef } from '../../domain/program.ts';
import type { Fail, Result } from '../../domain/result.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { ProviderCategory } from '../../domain/providers.ts';
import type { GeneratedMedia, ProviderFailureCode } from '../../providers/port.ts';

export interface ToolContext {
  services: ServiceDeps;
  program: ProgramRef;
  /** surface 'agent', with the agent and run, so every audit entry says which agent of which run acted. */
  actor: Actor;
  agent: AgentName;
  runId: string;
  /**
   * The model's tool_use id, unique to this call: an effect keyed by run and call happens once even
   * when a crash between the effect and its record makes the call run again.
   */
  callId?: string;
  /** Tells the run about what it must act on besides the model's answer: media to share, a provider to fix. */
  report?: (event: ToolEvent) => void;
}

/** Things a tool produced or ran into that a person must see or do, outside the conversation. */
export type ToolEvent =
  | { type: 'artifact'; assetId: string; name: string; media: GeneratedMedia }
  /** The campaign was started, or refused with the reasons (gates failing, no approved plan, …). */
  | { type: 'campaign'; started: boolean; planId?: string; version?: number; reasons: string[] }
  /** An asset moved into review: a person approves it or sends it back. */
  | { type: 'asset_review'; asset: Asset }
  | {
      type: 'provider_problem';
      /** The agent whose call it was (a specialist deep in a delegation), so the retry runs as that agent. */
      agent: AgentName;
      tool: ToolName;
      input: unknown;
      category: ProviderCategory;
      provider: string;
      code: ProviderFailureCode;
      message: string;
    };

/** What goes back to the model as the tool_result; `refusal` keeps the business "no" it came from. */
export interface ToolOutput {
  content: string;
  isError: boolean;
  refusal?: Fail;
}

export type HandlerAnswer = Result<unknown> | ToolOutput;

export interface AgentTool {
  name: ToolName;
  description: string;
  input: z.ZodType;
  run(input: unknown, context: ToolContext): Promise<HandlerAnswer>;
}

export function defineTool<S extends z.ZodType>(tool: {
  name: ToolName;
  description: string;
  input: S;
  run(input: z.infer<S>, context: ToolContext): Promise<HandlerAnswer>;
}): AgentTool {
  return tool as AgentTool;
}

/** The JSON Schema the model sees, from the same zod schema that validates the call. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return json;
}

export function refusal(failure: Fail): ToolOutput {
  const reasons = failure.reasons?.map((reason) => `\n- ${reason}`).join('') ?? '';
  return { content: `refused (${failure.code}): ${failure.message}${reasons}`, isError: true, refusal: failure };
}

export function toOutput(answer: HandlerAnswer): ToolOutput {
  if ('content' in answer) return answer;
  if (!answer.ok) return refusal(answer);
  return { content: typeof answer.value === 'string' ? answer.value : JSON.stringify(answer.value), isError: false };
}

/** Trends and severities arrive in any case from a model or a person; the schema shows the canonical values. */
export function caseless<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(values));
}

/** Flat objects keep `type: object` at the top (the API requires it); per-action fields are checked here. */
export function requireForAction<T extends { action: string }>(required: Partial<Record<T['action'], readonly (keyof T & string)[]>>) {
  return (input: T, ctx: z.RefinementCtx) => {
    for (const field of required[input.action as T['action']] ?? []) {
      const value = input[field];
      if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is required when action is "${input.action}"` });
      }
    }
  };
}
