// The tools the loop handles itself: `delegate` (managers hand a task to another agent),
// `ask_in_thread` (requirements-analyst asks the person and waits) and `submit_review` (plan-reviewer
// hands over its checklist verdict as data). Their definitions never vary by route or caller, so they
// stay in the shared cached prefix; the role card says who may use them how.
import { z } from 'zod';
import { AgentNameSchema, type AgentName } from '../domain/agents.ts';
import { ReviewSubmissionSchema } from '../domain/review-verdict.ts';
import type { ToolDefinition } from '../llm/model.ts';
import { jsonSchemaOf } from './tools/types.ts';

// Validation accepts any agent name so a wrong target gets a specific refusal, not a schema error.
export const DelegateInput = z.strictObject({
  agent: AgentNameSchema,
  task: z.string().trim().min(1).max(8000),
  context: z.string().trim().max(16_000).optional(),
});
export type DelegateInput = z.infer<typeof DelegateInput>;

export const AskInput = z.strictObject({ question: z.string().trim().min(1).max(3000) });

/** `targets`: every agent any caller offered this definition may hand work to. */
export function delegateDefinition(targets: readonly AgentName[]): ToolDefinition {
  const schema = DelegateInput.extend({
    agent: z.enum(targets as [AgentName, ...AgentName[]]).describe('who does the work'),
    task: DelegateInput.shape.task.describe('a task that stands alone: objective, constraints, what done means'),
    context: DelegateInput.shape.context.describe('state, plan id and version, earlier results the agent needs'),
  });
  return {
    name: 'delegate',
    description:
      'Hand one task to another agent and wait for its deliverable, which comes back as this tool\'s result. ' +
      'Only the agents your role card names for this run can take it. The agent sees only what you write in task and context.',
    inputSchema: jsonSchemaOf(schema),
  };
}

export const askDefinition: ToolDefinition = {
  name: 'ask_in_thread',
  description:
    'Post questions to the person in the Slack thread and stop until they answer; their reply comes back as this ' +
    'tool\'s result. Ask everything missing at once: numbered, at most five, each answerable in one line.',
  inputSchema: jsonSchemaOf(AskInput),
};

export const reviewDefinition: ToolDefinition = {
  name: 'submit_review',
  description:
    'Hand over your checklist verdict on the plan: approve or reject, and for each of the six items whether it passes ' +
    'and why. Call it once, when your review is complete; the app records it and shows it in the thread.',
  inputSchema: jsonSchemaOf(ReviewSubmissionSchema),
};

export function delegationBrief(from: AgentName, input: DelegateInput): string {
  return [`Task from ${from}:`, input.task, ...(input.context ? ['', 'Context:', input.context] : [])].join('\n');
}
