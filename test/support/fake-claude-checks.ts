// The request checks the real Messages API makes that an agent loop can get wrong (tool_use without its
// tool_result, too many cache breakpoints, empty text, settings the 5.5 models refuse, unknown models),
// answered with the API's status and wording.
import { fakeModel } from './fake-claude-models.ts';

type Block = Record<string, any>;

export interface RequestProblem {
  status: number;
  type: string;
  message: string;
}

export const blocksOf = (content: unknown): Block[] => (Array.isArray(content) ? (content as Block[]) : []);

const MAX_CACHE_BREAKPOINTS = 4;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

const idsOf = (content: unknown, type: 'tool_use' | 'tool_result'): string[] =>
  blocksOf(content)
    .filter((b) => b['type'] === type)
    .map((b) => String(type === 'tool_use' ? b['id'] : b['tool_use_id']));

function countCacheControl(body: Block): number {
  const all: Block[] = [
    ...blocksOf(body['system']),
    ...blocksOf(body['tools']),
    ...blocksOf(body['messages']).flatMap((m) => blocksOf(m['content'])),
  ];
  return all.filter((block) => block['cache_control'] !== undefined).length;
}

function messageProblem(messages: Block[], i: number): string | undefined {
  const message = messages[i] as Block;
  const content = message['content'];
  if (content === '' || (Array.isArray(content) && content.length === 0)) {
    return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
  }
  if (blocksOf(content).some((b) => b['type'] === 'text' && b['text'] === '')) {
    return `messages.${i}: text content blocks must be non-empty`;
  }
  const next = messages[i + 1];
  if (message['role'] === 'assistant' && next) {
    const answered = idsOf(next['content'], 'tool_result');
    const missing = idsOf(content, 'tool_use').filter((id) => !answered.includes(id));
    if (missing.length) {
      return (
        `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ` +
        `${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`
      );
    }
  }
  if (message['role'] === 'user') {
    const previous = messages[i - 1];
    const offered = previous?.['role'] === 'assistant' ? idsOf(previous['content'], 'tool_use') : [];
    const unexpected = idsOf(content, 'tool_result').filter((id) => !offered.includes(id));
    if (unexpected.length) {
      return (
        `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected.join(', ')}. ` +
        'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.'
      );
    }
  }
  return undefined;
}

/**
 * Breakpoints in prefix order (tools, system, messages) must not go from a 5-minute TTL to a longer one:
 * the prompt-caching docs ("Mixing different TTLs") want 1-hour entries before any 5-minute entry.
 */
function ttlOrderProblem(body: Block): string | undefined {
  const ordered: Block[] = [
    ...blocksOf(body['tools']),
    ...blocksOf(body['system']),
    ...blocksOf(body['messages']).flatMap((m) => blocksOf(m['content'])),
  ];
  let seenShort = false;
  for (const block of ordered) {
    const control = block['cache_control'] as Block | undefined;
    if (control === undefined) continue;
    const ttl = control['ttl'] ?? '5m';
    if (ttl !== '5m' && ttl !== '1h') return `cache_control.ttl: Input should be '5m' or '1h'`;
    if (ttl === '5m') seenShort = true;
    else if (seenShort) return 'A cache_control block with ttl "1h" must not come after a block with ttl "5m"; longer TTLs come first.';
  }
  return undefined;
}

const FORCED_TOOL_CHOICES = new Set(['any', 'tool']);

/**
 * Settings the model refuses. API version 2026-10-21 removed temperature, top_p and top_k for every
 * model (docs: api/versioning). The 5.5 models also refuse thinking budgets, `disabled`, forced tool
 * choice, and between_tools above high effort (docs: models/sonnet-5-5/migration-guide, whats-new).
 */
function settingsProblem(body: Block): string | undefined {
  for (const name of ['temperature', 'top_p', 'top_k']) if (name in body) return `${name}: Extra inputs are not permitted`;
  const model = fakeModel(String(body['model']));
  if (!model?.generation55) return undefined;
  const thinking = body['thinking'] as Block | undefined;
  const effort = (body['output_config'] as Block | undefined)?.['effort'];
  if (thinking?.['type'] === 'disabled') {
    return '"thinking.type.disabled" is not supported for this model. Use "thinking.type.between_tools" for the lowest thinking setting, and "output_config.effort" to control thinking behavior.';
  }
  if (thinking?.['type'] === 'enabled' || thinking?.['budget_tokens'] !== undefined) return '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';
  if (thinking?.['type'] === 'between_tools' && (effort === 'xhigh' || effort === 'max')) return `"thinking.type.between_tools" is not supported with effort "${effort}"; use adaptive thinking.`;
  const choice = (body['tool_choice'] as Block | undefined)?.['type'];
  if (FORCED_TOOL_CHOICES.has(choice)) return `tool_choice: forced tool use ("${choice}") is not supported for this model; use "auto" and ask for the tool in the prompt.`;
  return undefined;
}

export function requestProblem(body: Block, headers: Record<string, string>): RequestProblem | undefined {
  const invalid = (message: string): RequestProblem => ({ status: 400, type: 'invalid_request_error', message });
  if (!headers['x-api-key'] && !headers['authorization']) {
    return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  }
  if (!headers['anthropic-version']) return invalid('anthropic-version: header is required');
  if (typeof body['model'] !== 'string') return invalid('model: Field required');
  if (!fakeModel(body['model'])) return { status: 404, type: 'not_found_error', message: `model: ${body['model']}` };
  const settings = settingsProblem(body);
  if (settings) return invalid(settings);
  if (!Number.isInteger(body['max_tokens']) || body['max_tokens'] < 1) return invalid('max_tokens: Field required');
  const messages = blocksOf(body['messages']);
  if (messages.length === 0) return invalid('messages: at least one message is required');
  for (const [i, tool] of blocksOf(body['tools']).entries()) {
    // Server tools (web search, …) carry a `type`; only custom tools are named by the app.
    if (tool['type'] === undefined && !TOOL_NAME.test(String(tool['name']))) {
      return invalid(`tools.${i}.custom.name: String should match pattern '${TOOL_NAME.source}'`);
    }
  }
  for (const i of messages.keys()) {
    const problem = messageProblem(messages, i);
    if (problem) return invalid(problem);
  }
  const ttl = ttlOrderProblem(body);
  if (ttl) return invalid(ttl);
  const breakpoints = countCacheControl(body);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) {
    return invalid(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`);
  }
  return undefined;
}
