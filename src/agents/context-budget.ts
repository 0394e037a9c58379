// The ceiling on what one model request carries, and how tool results are fitted under it.
//
// Why results are fitted when they are first sent, never later: the 5.5 models bind every thinking
// block to everything before it (system, tools, earlier messages) and refuse — or drop — a block whose
// prefix changed. Shortening a tool result that was already sent would break every later thinking
// block and the prompt cache with it. So the conversation only ever grows by appending, and each new
// tool_result is cut to its share of the room left at the moment it joins the conversation; the full
// text stays in the run's transcript (and the step journal). The API's server-side context editing
// (`clear_tool_uses_20250919`) is beta-only in SDK 1.13 (client.beta.messages, header
// context-management-2025-06-27), and each clearing invalidates the cached prefix from that point, so
// it is not used: reading tools answer a page at a time (tools/pages.ts) and this budget is the backstop.
import type { ConversationMessage, ToolDefinition, ToolResultBlock } from '../llm/model.ts';

/**
 * Input tokens one request may carry: system, tools and the conversation. An agent whose next request
 * would be larger stops with what it has (budget_exhausted), so no request is ever sent above it.
 */
export const REQUEST_TOKEN_CEILING = 50_000;
/** The most one tool result may take when it is first sent. */
export const RESULT_TOKEN_CAP = 2_500;
/** Left free for the model's next turn (its notes, text and tool calls join the conversation). */
export const NEXT_TURN_RESERVE = 4_000;
/** Below this share a result is not worth cutting: it is withheld with a note instead. */
const MIN_RESULT_TOKENS = 150;

// Three characters a token overcounts English prose and JSON (about 3.5 to 4), so the real count
// stays under the estimate and the ceiling holds without a tokenizer round trip.
const CHARS_PER_TOKEN = 3;

export function estimateTokens(value: unknown): number {
  return Math.ceil((typeof value === 'string' ? value.length : JSON.stringify(value ?? '').length) / CHARS_PER_TOKEN);
}

export interface RequestShape {
  system: readonly string[];
  tools: readonly ToolDefinition[];
  messages: readonly ConversationMessage[];
}

export const requestTokens = (request: RequestShape): number => estimateTokens([request.system, request.tools, request.messages]);

export interface Fitted {
  /** What goes to the model. */
  sent: ToolResultBlock[];
  /** Characters sent of each result whose text was cut or withheld, by tool_use id. */
  shortened: Map<string, number>;
}

function pointer(block: ToolResultBlock, shown: number): string {
  return (
    `\n…[shortened to fit this conversation's ceiling of ${REQUEST_TOKEN_CEILING.toLocaleString('en-US')} tokens: ` +
    `${shown.toLocaleString('en-US')} of ${block.content.length.toLocaleString('en-US')} characters shown. The whole answer is kept ` +
    `in this run's transcript (${block.tool_use_id}). For the rest, ask the tool for less: one part, a smaller \`limit\`, ` +
    'the next page with `before`, or one item by `id`.]'
  );
}

const WITHHELD =
  '[withheld: this conversation is at its ceiling of ' +
  `${REQUEST_TOKEN_CEILING.toLocaleString('en-US')} tokens, so this answer (kept in the run's transcript) was not added. ` +
  'Finish with what you have, or hand the rest back to whoever gave you the task.]';

/**
 * The results of one turn, each cut to its share of the room left under the ceiling. `conversation`
 * is the request so far, without these results.
 */
export function fitResults(conversation: RequestShape, results: ToolResultBlock[]): Fitted {
  const shortened = new Map<string, number>();
  if (results.length === 0) return { sent: results, shortened };
  const room = REQUEST_TOKEN_CEILING - requestTokens(conversation) - NEXT_TURN_RESERVE;
  const share = Math.min(RESULT_TOKEN_CAP, Math.floor(room / results.length));
  const sent = results.map((block): ToolResultBlock => {
    if (estimateTokens(block.content) <= share) return block;
    if (share < MIN_RESULT_TOKENS) {
      shortened.set(block.tool_use_id, 0);
      return { ...block, content: WITHHELD };
    }
    const keep = Math.max(0, share * CHARS_PER_TOKEN - pointer(block, 0).length - 16);
    shortened.set(block.tool_use_id, keep);
    return { ...block, content: `${block.content.slice(0, keep)}${pointer(block, keep)}` };
  });
  return { sent, shortened };
}
