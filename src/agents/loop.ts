// Runs one agent over the Model port until it ends its turn, asks the person, refuses, fails or uses
// up its step budget. Tools go through the registry; `delegate` runs the target agent's loop nested,
// inside per-run limits on depth and total steps, so no run is ever unbounded.
import { agentSpec, canDelegate, delegatesInRoute, mayUseTool, ROUTE_TEMPLATES, type AgentName } from '../domain/agents.ts';
import { ReviewSubmissionSchema, type ReviewSubmission } from '../domain/review-verdict.ts';
import type { Fail } from '../domain/result.ts';
import {
  emptyUsage,
  throwIfAborted,
  type AssistantBlock,
  type ConversationMessage,
  type ModelRequest,
  type ModelTurn,
  type StopReason,
  type ToolResultBlock,
  type ToolUseBlock,
} from '../llm/model.ts';
import { fitResults, REQUEST_TOKEN_CEILING, requestTokens } from './context-budget.ts';
import { agentsOnModel, modelFor } from './models.ts';
import { offeredTools } from './offer.ts';
import { reasoningFor } from './reasoning.ts';
import { roleCard } from './role-card.ts';
import { loadWithPlaybook } from '../services/playbooks.ts';
import { DEFAULT_LIMITS, type AgentOutcome, type AgentRunRequest, type AgentRuntime, type RunLimits, type WaitingFrame } from './runtime.ts';
import { AskInput, DelegateInput, delegationBrief } from './special-tools.ts';
import { invalidInput, runTool } from './tools/registry.ts';
import type { ToolContext, ToolOutput } from './tools/types.ts';
import { recordCall } from './usage.ts';

interface Run {
  runtime: AgentRuntime;
  request: AgentRunRequest;
  limits: RunLimits;
  stepsUsed: number;
  /** The reviewer's verdict once `submit_review` accepted it. */
  review?: ReviewSubmission;
  /** Model turns taken in this step so far, across nested agents, in the order they were asked. */
  turns: number;
}

const rawTextOf = (content: AssistantBlock[]) => content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
const textOf = (content: AssistantBlock[]) => rawTextOf(content).trim();

/** The notes the model wrote between tool calls; the 5.5 models return them as (summarized) thinking. */
const notesOf = (content: AssistantBlock[]) =>
  content.flatMap((block) => (block.type === 'thinking' && block.thinking ? [block.thinking] : [])).join('\n').trim();

// The 5.5 models refuse assistant prefill, so a reply cut at max_tokens goes back as it was and a user
// turn asks for the rest.
const CONTINUE_AFTER_CUT = 'Your previous reply was cut off at the output limit. Continue exactly where it stopped, without repeating it.';
const MAX_CONTINUATIONS = 2;

const ASK_FOR_VERDICT =
  'You ended your turn without handing over your verdict. Call submit_review now with approve or reject and one finding per checklist item.';

/**
 * Adds an assistant turn. A reply that continues a paused turn (the conversation already ends with that
 * turn) belongs to it: the API wants the paused turn sent back as is, followed by what came after.
 */
function appendAssistant(messages: ConversationMessage[], content: AssistantBlock[]): void {
  const last = messages.at(-1);
  if (last?.role === 'assistant') messages[messages.length - 1] = { role: 'assistant', content: [...last.content, ...content] };
  else if (content.length > 0) messages.push({ role: 'assistant', content });
}

const notRun = (block: ToolUseBlock): ToolResultBlock => ({
  type: 'tool_result',
  tool_use_id: block.id,
  content: 'not run: the turn stopped to wait for the person; call it again if it is still needed',
  is_error: true,
});

const newRun = (runtime: AgentRuntime, request: AgentRunRequest): Run => ({
  runtime,
  request,
  limits: { ...DEFAULT_LIMITS, ...runtime.limits },
  stepsUsed: 0,
  turns: 0,
});

/**
 * The model's next turn: the journaled one when this step already took it (a resumed step replays its
 * conversation exactly, thinking blocks included), else a fresh call, journaled before it is acted on.
 */
async function nextTurn(run: Run, request: ModelRequest): Promise<{ turn: ModelTurn; replayed: boolean }> {
  const { journal } = run.request;
  const index = run.turns;
  run.turns += 1;
  const repo = run.runtime.services.repos.stepJournal;
  if (journal !== undefined) {
    const recorded = await repo.turn(journal, index);
    if (recorded) {
      const turn: ModelTurn = { model: recorded.model, content: recorded.content as unknown as AssistantBlock[], stopReason: recorded.stopReason as StopReason, usage: emptyUsage() };
      return { turn, replayed: true };
    }
  }
  const turn = await run.runtime.model.complete(request);
  if (journal !== undefined) {
    await repo.recordTurn(journal, index, { model: turn.model, content: turn.content as unknown as Array<Record<string, unknown>>, stopReason: turn.stopReason }, run.runtime.services.clock.now());
  }
  return { turn, replayed: false };
}

const asFailure = (error: unknown): AgentOutcome => ({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) });

const resultBlock = (toolUseId: string, output: ToolOutput): ToolResultBlock => ({
  type: 'tool_result',
  tool_use_id: toolUseId,
  content: output.content,
  ...(output.isError ? { is_error: true } : {}),
});

export async function runAgent(runtime: AgentRuntime, request: AgentRunRequest): Promise<AgentOutcome> {
  const agent = request.agent ?? ROUTE_TEMPLATES[request.route].entry;
  const messages: ConversationMessage[] = typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : [...request.input];
  try {
    return await runLoop(newRun(runtime, request), agent, messages, 0);
  } catch (error) {
    return asFailure(error);
  }
}

/**
 * Continues a run that stopped for a question: the person's answer goes to the agent that asked, its
 * result to the agent that delegated to it, and so on out to the first agent. Each agent's own budget
 * starts afresh; the run-wide step count goes on from the calls already stored for the run.
 */
export async function resumeAgent(
  runtime: AgentRuntime,
  request: Omit<AgentRunRequest, 'input' | 'agent'>,
  frames: WaitingFrame[],
  answer: string,
): Promise<AgentOutcome> {
  const run = newRun(runtime, { ...request, input: answer });
  run.stepsUsed = (await runtime.services.repos.agentCalls.listRun(request.program, request.runId)).length;
  let reply: ToolOutput = { content: answer, isError: false };
  try {
    for (let i = frames.length - 1; i >= 0; i -= 1) {
      const frame = frames[i] as WaitingFrame;
      const messages: ConversationMessage[] = [
        ...frame.conversation,
        { role: 'user', content: [...frame.results, resultBlock(frame.toolUseId, reply)] },
      ];
      const outcome = await runLoop(run, frame.agent, messages, frame.depth);
      if (outcome.kind === 'question') return { ...outcome, frames: [...frames.slice(0, i), ...outcome.frames] };
      if (i === 0) return outcome;
      reply = childResult(frame.agent, outcome);
      runtime.onAgentDone?.({ agent: frame.agent, ok: outcome.kind === 'done', text: reply.content, depth: frame.depth });
    }
  } catch (error) {
    return asFailure(error);
  }
  return asFailure(new Error('there is no waiting question to answer in this run'));
}

/**
 * One tool call made outside a model turn, through the same checks the loop applies (allow-list,
 * delegation rights, validation). A call that would delegate or ask answers as the loop would.
 */
export async function runToolCall(
  runtime: AgentRuntime,
  request: Omit<AgentRunRequest, 'input'> & { agent: AgentName },
  use: ToolUseBlock,
): Promise<ToolOutput> {
  const answer = await dispatch(newRun(runtime, { ...request, input: '' }), request.agent, use, 0);
  return 'frames' in answer ? { content: answer.text, isError: false } : answer;
}

function summary(agent: AgentName, why: string, calls: string[], lastText: string): string {
  const counts = new Map<string, number>();
  for (const name of calls) counts.set(name, (counts.get(name) ?? 0) + 1);
  const did = [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ') || 'no tool calls';
  return `${agent} stopped before finishing: ${why}. What it did: ${did}.${lastText ? ` Its last words: ${lastText}` : ''}`;
}

async function runLoop(run: Run, agent: AgentName, messages: ConversationMessage[], depth: number): Promise<AgentOutcome> {
  const { runtime, request, limits } = run;
  const spec = agentSpec(agent);
  const prompt = runtime.prompts[agent];
  const model = modelFor(runtime.models, agent);
  const tools = offeredTools(agentsOnModel(runtime.models, model));
  const { book } = await loadWithPlaybook(runtime.services, request.program);
  const card = roleCard(agent, { route: request.route, delegation: request.delegation !== false, playbook: book });
  const system = [runtime.prompts.team.text, `${prompt.text.trimEnd()}\n\n${card}`];
  const reasoning = reasoningFor(agent, runtime.maxTokens);
  const calls: string[] = [];
  const carried: string[] = [];
  let lastText = '';
  let steps = 0;
  let maxTokens = reasoning.maxTokens;
  let continuations = 0;
  let askedForVerdict = false;
  for (;;) {
    if (steps >= spec.stepBudget) return { kind: 'budget_exhausted', text: summary(agent, `its budget of ${spec.stepBudget} model turns ran out`, calls, lastText) };
    if (run.stepsUsed >= limits.maxSteps) return { kind: 'budget_exhausted', text: summary(agent, `the run's limit of ${limits.maxSteps} model turns ran out`, calls, lastText) };
    throwIfAborted(request.signal);
    // Never sent above the ceiling (context-budget.ts): the agent hands back what it has instead.
    if (requestTokens({ system, tools, messages }) > REQUEST_TOKEN_CEILING) {
      return { kind: 'budget_exhausted', text: summary(agent, `its conversation reached the ceiling of ${REQUEST_TOKEN_CEILING} tokens a request`, calls, lastText) };
    }
    steps += 1;
    run.stepsUsed += 1;
    const started = Date.now();
    const { turn, replayed } = await nextTurn(run, {
      model,
      system,
      // A copy: the conversation grows after the call, and a model may keep the request it was given.
      messages: [...messages],
      tools,
      maxTokens,
      thinking: reasoning.thinking,
      effort: reasoning.effort,
      signal: request.signal,
      onRetry: request.onRetry,
    });
    if (!replayed) await recordCall(runtime.services, {
      program: request.program,
      runId: request.runId,
      agent,
      step: run.stepsUsed,
      depth,
      prompts: { team: runtime.prompts.team, agent: prompt },
      turn,
      durationMs: Date.now() - started,
      at: runtime.services.clock.now(),
    });
    const transcribe = (role: 'assistant' | 'tool_results', content: Array<Record<string, unknown>>) =>
      runtime.services.repos.transcript.append(request.program, runtime.services.clock.now(), { runId: request.runId, agent, depth, step: run.stepsUsed, role, content });
    if (!replayed) await transcribe('assistant', turn.content as unknown as Array<Record<string, unknown>>);
    lastText = textOf(turn.content) || notesOf(turn.content) || lastText;
    const uses = turn.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
    if (turn.stopReason === 'max_tokens') {
      if (uses.length === 0 && continuations < MAX_CONTINUATIONS) {
        continuations += 1;
        carried.push(rawTextOf(turn.content));
        appendAssistant(messages, turn.content);
        messages.push({ role: 'user', content: CONTINUE_AFTER_CUT });
        continue;
      }
      // A cut-off tool call is never run: the turn is asked again once, with twice the room.
      if (maxTokens > reasoning.maxTokens) {
        return { kind: 'failed', error: new Error(`${agent}'s answer did not fit in ${maxTokens} output tokens, even after a retry with twice the room`) };
      }
      maxTokens *= 2;
      continue;
    }
    switch (turn.stopReason) {
      case 'pause_turn':
        appendAssistant(messages, turn.content);
        continue;
      case 'refusal':
        return { kind: 'refused', text: textOf(turn.content) || `Claude declined to continue ${agent}'s task.` };
      case 'end_turn':
      case 'stop_sequence': {
        const text = [...carried, rawTextOf(turn.content)].join('').trim();
        if (request.expect === 'review' && depth === 0 && run.review === undefined) {
          if (askedForVerdict) {
            return { kind: 'failed', error: new Error(`${agent} finished twice without handing over its verdict, so the plan could not be judged`) };
          }
          askedForVerdict = true;
          appendAssistant(messages, turn.content);
          messages.push({ role: 'user', content: ASK_FOR_VERDICT });
          continue;
        }
        return { kind: 'done', text: text || `${agent} finished without a written answer.`, ...(run.review ? { review: run.review } : {}) };
      }
      case 'tool_use':
        break;
      default:
        return { kind: 'failed', error: new Error(`${agent}'s conversation ended with ${turn.stopReason}`) };
    }
    appendAssistant(messages, turn.content);
    const results: ToolResultBlock[] = [];
    for (const [index, use] of uses.entries()) {
      throwIfAborted(request.signal);
      calls.push(use.name);
      const answer = await dispatch(run, agent, use, depth);
      if ('frames' in answer) {
        const rest = uses.slice(index + 1).map(notRun);
        const frame: WaitingFrame = { agent, depth, conversation: [...messages], results: [...results, ...rest], toolUseId: use.id };
        return { kind: 'question', text: answer.text, frames: [frame, ...answer.frames] };
      }
      results.push(resultBlock(use.id, answer));
    }
    // Each result is cut to its share of the room left as it joins the conversation, and never
    // touched again (thinking blocks bind the prefix); the transcript keeps every word.
    const fitted = fitResults({ system, tools, messages }, results);
    const kept = results.map((block) => (fitted.shortened.has(block.tool_use_id) ? { ...block, sent_chars: fitted.shortened.get(block.tool_use_id) } : block));
    await transcribe('tool_results', kept as unknown as Array<Record<string, unknown>>);
    messages.push({ role: 'user', content: fitted.sent });
  }
}

type Dispatched = ToolOutput | { text: string; frames: WaitingFrame[] };

async function dispatch(run: Run, agent: AgentName, use: ToolUseBlock, depth: number): Promise<Dispatched> {
  const { request } = run;
  if (use.name === 'delegate') return delegate(run, agent, use, depth);
  if (use.name === 'submit_review') {
    if (!mayUseTool(agent, 'submit_review')) return { content: `${agent} does not review plans; only plan-reviewer calls submit_review`, isError: true };
    const parsed = ReviewSubmissionSchema.safeParse(use.input);
    if (!parsed.success) return invalidInput('submit_review', parsed.error);
    run.review = parsed.data;
    return { content: `verdict recorded: ${parsed.data.verdict}. End your turn now.`, isError: false };
  }
  if (use.name === 'ask_in_thread') {
    if (!mayUseTool(agent, 'ask_in_thread')) return { content: `${agent} cannot ask the person; return what is missing in your answer`, isError: true };
    const parsed = AskInput.safeParse(use.input);
    if (!parsed.success) return invalidInput('ask_in_thread', parsed.error);
    return { text: parsed.data.question, frames: [] };
  }
  const context: ToolContext = {
    services: run.runtime.services,
    program: request.program,
    actor: { userId: request.requesterId, surface: 'agent', agent, runId: request.runId },
    agent,
    runId: request.runId,
    callId: use.id,
    report: (event) => run.runtime.onToolEvent?.(event),
  };
  const journal = request.journal;
  const repo = run.runtime.services.repos.stepJournal;
  // A call this step already made answers as it did then; its effect is not repeated.
  const recorded = journal === undefined ? undefined : await repo.toolAnswer(journal, use.id);
  const output: ToolOutput = recorded
    ? { content: recorded.content, isError: recorded.isError, ...(recorded.refusal ? { refusal: recorded.refusal as Fail } : {}) }
    : await runTool(use.name, use.input, context);
  if (journal !== undefined && !recorded) {
    const { content, isError, refusal } = output;
    await repo.recordToolAnswer(journal, use.id, { content, isError, ...(refusal ? { refusal: { code: refusal.code, message: refusal.message, ...(refusal.reasons ? { reasons: [...refusal.reasons] } : {}) } } : {}) }, run.runtime.services.clock.now());
  }
  if (output.refusal) run.runtime.onRefusal?.(use.name, output.refusal);
  return output;
}

async function delegate(run: Run, from: AgentName, use: ToolUseBlock, depth: number): Promise<Dispatched> {
  const refuse = (content: string): ToolOutput => ({ content, isError: true });
  if (!mayUseTool(from, 'delegate')) {
    return refuse(`${from} cannot delegate; return your deliverable to whoever gave you the task`);
  }
  if (run.request.delegation === false) {
    return refuse('the app hands this run on itself in this step; do not delegate: end your turn with your answer');
  }
  const parsed = DelegateInput.safeParse(use.input);
  if (!parsed.success) return invalidInput('delegate', parsed.error);
  const to = parsed.data.agent;
  if (!canDelegate(from, to)) {
    return refuse(`${from} cannot delegate to ${to}; it may delegate to ${agentSpec(from).delegatesTo.join(', ')}`);
  }
  if (!delegatesInRoute(from, run.request.route).includes(to)) {
    return refuse(`the ${run.request.route} route does not load ${to}; delegate to ${delegatesInRoute(from, run.request.route).join(', ')}`);
  }
  if (depth + 1 > run.limits.maxDepth) return refuse(`delegation is limited to ${run.limits.maxDepth} levels; do this step yourself or return it`);
  run.runtime.onDelegation?.({ from, to, task: parsed.data.task, depth: depth + 1 });
  const outcome = await runLoop(run, to, [{ role: 'user', content: delegationBrief(from, parsed.data) }], depth + 1);
  if (outcome.kind === 'question') return outcome;
  const result = childResult(to, outcome);
  // A specialist that ran out of budget still hands back what it did, but it did not finish.
  run.runtime.onAgentDone?.({ agent: to, ok: outcome.kind === 'done', text: result.content, depth: depth + 1 });
  return result;
}

/** What a delegated agent's end becomes for the agent that delegated: its text, or why there is none. */
function childResult(agent: AgentName, outcome: Exclude<AgentOutcome, { kind: 'question' }>): ToolOutput {
  switch (outcome.kind) {
    case 'done':
    case 'budget_exhausted':
      return { content: outcome.text, isError: false };
    case 'refused':
      return { content: `${agent} declined the task: ${outcome.text}`, isError: true };
    case 'failed':
      return { content: `${agent} failed: ${outcome.error.message}`, isError: true };
  }
}
