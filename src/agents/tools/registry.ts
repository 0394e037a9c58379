// The ohmymkt_* registry: every tool of rules §9 by name, and the one door an agent's call goes
// through — allow-list, input validation, per-agent restrictions and the high-incident pause, in code.
import type { z } from 'zod';
import { agentSpec, mayUseTool, TOOL_NAMES, type ToolName } from '../../domain/agents.ts';
import { ensureNotPaused } from '../../domain/review-gate.ts';
import { riskyActionOf } from '../../domain/tool-risk.ts';
import type { ToolDefinition } from '../../llm/model.ts';
import { updateTask } from './board.ts';
import { assetManifest, savePositioning } from './content.ts';
import { incidentTool, readCycle, runCycle, startCampaignTool } from './operations.ts';
import { checkGatesTool, listPlansTool, planGrowth, readState, reportGrowth, updateGates, updateMetrics } from './program.ts';
import { generateImage, generateVideo, providerConfig, publish } from './providers.ts';
import { competitorProfile, researchBrief } from './research.ts';
import { jsonSchemaOf, refusal, toOutput, type AgentTool, type ToolContext, type ToolOutput } from './types.ts';

const ALL: AgentTool[] = [
  planGrowth,
  listPlansTool,
  checkGatesTool,
  updateGates,
  updateMetrics,
  startCampaignTool,
  runCycle,
  readCycle,
  updateTask,
  incidentTool,
  reportGrowth,
  readState,
  researchBrief,
  competitorProfile,
  savePositioning,
  assetManifest,
  generateImage,
  generateVideo,
  publish,
  providerConfig,
];

export const TOOLS: ReadonlyMap<ToolName, AgentTool> = new Map(ALL.map((tool) => [tool.name, tool]));

const missing = TOOL_NAMES.filter((name) => !TOOLS.has(name));
if (missing.length > 0) throw new Error(`ohmymkt tools without a handler: ${missing.join(', ')}`);

export function isToolName(name: string): name is ToolName {
  return TOOLS.has(name as ToolName);
}

export function toolDefinition(name: ToolName): ToolDefinition {
  const tool = TOOLS.get(name);
  if (tool === undefined) throw new Error(`no tool ${name}`);
  return { name, description: tool.description, inputSchema: jsonSchemaOf(tool.input) };
}

/** Zod issues as "field: problem", so the model can see which argument to fix. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? 'input' : '(input)');
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

export function invalidInput(tool: string, error: z.ZodError): ToolOutput {
  return { content: `invalid input for ${tool} — ${describeIssues(error)}. Fix these fields and call it again.`, isError: true };
}

export async function runTool(name: string, input: unknown, context: ToolContext): Promise<ToolOutput> {
  if (!isToolName(name)) return { content: `there is no tool named ${name}`, isError: true };
  const spec = agentSpec(context.agent);
  if (!mayUseTool(context.agent, name)) {
    return { content: `${context.agent} may not use ${name}; its tools are ${spec.tools.join(', ')}`, isError: true };
  }
  const tool = TOOLS.get(name) as AgentTool;
  const parsed = tool.input.safeParse(input);
  if (!parsed.success) return invalidInput(name, parsed.error);
  const allowedActions = spec.restrictions[name]?.actions;
  const action = (parsed.data as { action?: unknown }).action;
  if (allowedActions !== undefined && !allowedActions.includes(String(action))) {
    return { content: `${context.agent} may only use ${name} to ${allowedActions.join(' or ')} (${spec.restrictions[name]?.note})`, isError: true };
  }
  const risky = riskyActionOf(name, { paidPlacement: (parsed.data as { placement?: unknown }).placement === 'paid' });
  if (risky !== undefined) {
    const notPaused = ensureNotPaused(risky, await context.services.repos.incidents.list(context.program));
    if (!notPaused.ok) return refusal(notPaused);
  }
  try {
    return toOutput(await tool.run(parsed.data, context));
  } catch (error) {
    // Storage contention or an unreachable store is worth telling the agent (it may retry); anything else is a bug.
    if (error instanceof Error && (error as { retryable?: unknown }).retryable === true) {
      return { content: `${name} could not finish: ${error.message}`, isError: true };
    }
    throw error;
  }
}
