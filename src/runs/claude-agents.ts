// The AgentRunner on the Claude-backed agent loop. Without an API key nothing runs: the thread is
// told exactly how to enable Claude instead of seeing made-up agent output.
import { z } from 'zod';
import { resumeAgent, runAgent, runToolCall } from '../agents/loop.ts';
import type { AgentOutcome as LoopOutcome, AgentRunRequest, AgentRuntime, WaitingFrame } from '../agents/runtime.ts';
import type { ToolEvent } from '../agents/tools/types.ts';
import { AgentNameSchema } from '../domain/agents.ts';
import { parseJson } from '../json.ts';
import type { AgentInvocation, AgentOutcome, AgentRunner } from './ports.ts';

export const CLAUDE_NOT_CONFIGURED =
  'Agents need Claude. Set `ANTHROPIC_API_KEY` in the app\'s environment (and `ANTHROPIC_BASE_URL` for a proxy), restart ohmymkt, then press Retry. Slash commands work without it.';

/** The runtime with the run's hooks: the review gate, the incident pause, tool events and delegations reach the run. */
function hooked(runtime: AgentRuntime, invocation: Omit<AgentInvocation, 'task'>): AgentRuntime {
  return {
    ...runtime,
    onRefusal: (tool, failure) => {
      // A tool refused for want of an approved plan says so with its code: that is the review gate.
      if (failure.code === 'review_required') invocation.onReviewRequired(tool);
      if (failure.code === 'paused') invocation.onPaused(tool, failure.message);
    },
    onToolEvent: invocation.onToolEvent,
    ...(invocation.onDelegation ? { onDelegation: ({ from, to, task }) => invocation.onDelegation?.({ from, to, task }) } : {}),
    ...(invocation.onAgentDone ? { onAgentDone: ({ agent, ok, text }) => invocation.onAgentDone?.({ agent, ok, text }) } : {}),
  };
}

/** What the loop needs of an invocation, optional settings only when set. */
function loopRequest(invocation: Omit<AgentInvocation, 'task'>): Omit<AgentRunRequest, 'input' | 'agent'> {
  const { runId, program, route, requesterId, delegation, expect, signal, onRetry, journal } = invocation;
  return {
    runId,
    program,
    route,
    requesterId,
    ...(delegation === false ? { delegation } : {}),
    ...(expect ? { expect } : {}),
    ...(signal ? { signal } : {}),
    ...(onRetry ? { onRetry } : {}),
    ...(journal ? { journal } : {}),
  };
}

function toRunOutcome(outcome: LoopOutcome): AgentOutcome {
  return outcome.kind === 'question' ? { kind: 'question', text: outcome.text, waiting: JSON.stringify(outcome.frames) } : outcome;
}

export function claudeAgents(runtime: AgentRuntime | undefined): AgentRunner {
  return {
    unavailable: () => (runtime ? undefined : CLAUDE_NOT_CONFIGURED),
    async run(invocation) {
      if (!runtime) return { kind: 'failed', error: new Error(CLAUDE_NOT_CONFIGURED) };
      const { task, ...rest } = invocation;
      return toRunOutcome(await runAgent(hooked(runtime, rest), { ...loopRequest(invocation), agent: invocation.agent, input: task }));
    },
    async resume(invocation, waiting, answer) {
      if (!runtime) return { kind: 'failed', error: new Error(CLAUDE_NOT_CONFIGURED) };
      const frames = WaitingFramesSchema.safeParse(parseJson(waiting));
      if (!frames.success) return { kind: 'failed', error: new Error('the stored conversation of the question could not be read back') };
      return toRunOutcome(await resumeAgent(hooked(runtime, invocation), loopRequest(invocation), frames.data as WaitingFrame[], answer));
    },
    async retryTool(retry) {
      if (!runtime) return { content: CLAUDE_NOT_CONFIGURED, isError: true, events: [] };
      const events: ToolEvent[] = [];
      const { agent, tool, input, ...request } = retry;
      const output = await runToolCall({ ...runtime, onToolEvent: (event) => events.push(event) }, { ...request, agent }, { type: 'tool_use', id: `retry_${Date.now()}`, name: tool, input });
      return { content: output.content, isError: output.isError, events };
    },
  };
}

// Stored frames are read back with the shape the loop needs; the conversations inside are the loop's own.
const WaitingFramesSchema = z.array(
  z.object({
    agent: AgentNameSchema,
    depth: z.number().int().min(0),
    conversation: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.unknown() })),
    results: z.array(z.object({ type: z.literal('tool_result'), tool_use_id: z.string(), content: z.string() }).passthrough()),
    toolUseId: z.string(),
  }),
).min(1);
