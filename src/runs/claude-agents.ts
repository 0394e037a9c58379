// The AgentRunner on the Claude-backed agent loop. Without an API key nothing runs: the thread is
// told exactly how to enable Claude instead of seeing made-up agent output.
import { runAgent, runToolCall, type AgentRuntime } from '../agents/loop.ts';
import type { ToolEvent } from '../agents/tools/types.ts';
import { AgentToolNameSchema, TOOL_POLICIES } from '../domain/agents.ts';
import type { AgentRunner } from './ports.ts';

function isHighCostTool(tool: string): boolean {
  const name = AgentToolNameSchema.safeParse(tool);
  return name.success && TOOL_POLICIES[name.data].highCost !== 'never';
}

export const CLAUDE_NOT_CONFIGURED =
  ':electric_plug: Agents need Claude. Set `ANTHROPIC_API_KEY` in the app\'s environment (and `ANTHROPIC_BASE_URL` for a proxy), restart ohmymkt, then press *Retry*. Slash commands work without it.';

export function claudeAgents(runtime: AgentRuntime | undefined): AgentRunner {
  return {
    unavailable: () => (runtime ? undefined : CLAUDE_NOT_CONFIGURED),
    async run(invocation) {
      if (!runtime) return { kind: 'failed', error: new Error(CLAUDE_NOT_CONFIGURED) };
      const outcome = await runAgent(
        {
          ...runtime,
          onRefusal: (tool, failure) => {
            // A high-cost tool refused for want of an approved plan (or of any plan) is the review gate.
            const gated = failure.code === 'review_required' || (failure.code === 'not_found' && isHighCostTool(tool));
            if (gated) invocation.onReviewRequired(tool);
            if (failure.code === 'paused') invocation.onPaused(tool, failure.message);
          },
          onToolEvent: invocation.onToolEvent,
        },
        {
          runId: invocation.runId,
          program: invocation.program,
          route: invocation.route,
          requesterId: invocation.requesterId,
          agent: invocation.agent,
          input: invocation.task,
        },
      );
      return outcome.kind === 'question' ? { kind: 'question', text: outcome.text } : outcome;
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
