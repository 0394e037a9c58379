// The request checks the real Messages API makes that an agent loop can get wrong (tool_use without its
// tool_result, too many cache breakpoints, empty text), answered with the API's status and wording.

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

export function requestProblem(body: Block, headers: Record<string, string>): RequestProblem | undefined {
  const invalid = (message: string): RequestProblem => ({ status: 400, type: 'invalid_request_error', message });
  if (!headers['x-api-key'] && !headers['authorization']) {
    return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  }
  if (!headers['anthropic-version']) return invalid('anthropic-version: header is required');
  if (typeof body['model'] !== 'string') return invalid('model: Field required');
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
  const breakpoints = countCacheControl(body);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) {
    return invalid(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`);
  }
  return undefined;
}
