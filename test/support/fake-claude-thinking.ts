// Thinking as the 5.5 models do it, for the fake Claude: which blocks a reply carries for the request's
// thinking setting, signatures bound to the model and to everything before the turn, and the checks
// the API makes when those turns come back.
// Sources: the SDK's ThinkingBlockParam ("must be passed back unmodified and in their original order;
// a modified block results in a 400 invalid_request_error"); platform.claude.com build-with-claude/
// preserved-thinking and its prefix-checks page (system, tools and earlier messages must not change;
// a block left out or moved fails); models/sonnet-5-5/whats-new (text between tool calls comes back in
// thinking blocks; `display` defaults to "omitted"; between_tools notes carry summarized text);
// build-with-claude/handling-stop-reasons (a pause_turn reply is sent back as is to continue).
import { createHmac, randomBytes } from 'node:crypto';
import type { RequestProblem } from './fake-claude-checks.ts';
import { fakeModel } from './fake-claude-models.ts';
import type { ClaudeTurn, WireBlock } from './fake-claude-wire.ts';

type Block = Record<string, any>;

const DEFAULT_THINKING = 'Reading the task and the tools offered, then choosing the next step.';

interface Signed {
  model: string;
  prefix: string;
  shown: string;
}

/** JSON with sorted keys and without cache_control, so two requests compare by what they say. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Block)
      .filter(([key, v]) => key !== 'cache_control' && v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const asBlocks = (content: unknown): Block[] =>
  typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? (content as Block[]) : [];

function prefixOf(body: Block, messageCount: number): string {
  const messages = (body['messages'] as Block[]).slice(0, messageCount).map((m) => ({ role: m['role'], content: asBlocks(m['content']) }));
  return canonical({ system: asBlocks(body['system']), tools: body['tools'] ?? [], messages });
}

/** The thinking setting a request runs with: what it sent, or the model's default. */
export function thinkingOf(body: Block): { mode: 'adaptive' | 'between_tools' | 'none'; display: 'summarized' | 'omitted' } {
  const model = fakeModel(String(body['model']));
  const sent = body['thinking'] as Block | undefined;
  const mode = sent?.['type'] === 'between_tools' ? 'between_tools' : sent?.['type'] === 'adaptive' || (sent === undefined && model?.thinksByDefault) ? 'adaptive' : 'none';
  const display = sent?.['display'] ?? (model?.generation55 ? 'omitted' : 'summarized');
  return { mode, display };
}

export class ThinkingLedger {
  private readonly secret = randomBytes(32);
  private readonly signatures = new Map<string, Signed>();
  /** Each reply the fake sent that carried thinking, by each of its tool_use ids, signatures and its text. */
  private readonly replies = new Map<string, Block[]>();
  private readonly paused = new Set<string>();

  /** The reply's blocks for this request: thinking placed and signed as the model would. */
  shape(turn: ClaudeTurn, body: Block, newId: () => string): WireBlock[] {
    const { mode, display } = thinkingOf(body);
    const offersTools = Array.isArray(body['tools']) && body['tools'].length > 0;
    const model = String(body['model']);
    const prefix = prefixOf(body, (body['messages'] as Block[]).length);
    const sign = (text: string, shownText: string): WireBlock => {
      const signature = createHmac('sha256', this.secret).update(`${model}\0${prefix}\0${text}`).digest('base64');
      this.signatures.set(signature, { model, prefix, shown: shownText });
      return { type: 'thinking', thinking: shownText, signature };
    };
    const lastToolUse = turn.content.map((b) => b.type).lastIndexOf('tool_use');
    const out: WireBlock[] = [];
    if (mode === 'adaptive' && turn.content[0]?.type !== 'thinking') out.push(sign(DEFAULT_THINKING, display === 'omitted' ? '' : DEFAULT_THINKING));
    turn.content.forEach((block, index) => {
      if (block.type === 'thinking') {
        if (mode !== 'none') out.push(sign(block.thinking, display === 'omitted' && mode === 'adaptive' ? '' : block.thinking));
      } else if (block.type === 'text' && mode !== 'none' && offersTools && index < lastToolUse) {
        // Text before a tool call is a progress note: a thinking block, readable only when display returns it.
        out.push(sign(block.text, mode === 'adaptive' && display === 'omitted' ? '' : block.text));
      } else if (block.type === 'text') {
        out.push({ type: 'text', text: block.text });
      } else {
        out.push({ type: 'tool_use', id: block.id ?? newId(), name: block.name, input: block.input });
      }
    });
    // Continuing a paused turn: the reply carries on the same assistant turn, which goes back whole.
    const last = (body['messages'] as Block[]).at(-1);
    const whole = last?.['role'] === 'assistant' ? [...(asBlocks(last['content']) as WireBlock[]), ...out] : out;
    if (whole.some((b) => b.type === 'thinking')) this.remember(whole, turn.stop_reason === 'pause_turn');
    return out;
  }

  private remember(content: WireBlock[], paused: boolean): void {
    const keys = [...content.flatMap((b) => (b.type === 'tool_use' ? [b.id] : b.type === 'thinking' ? [b.signature] : [])), textKey(content)];
    for (const key of keys) if (key) this.replies.set(key, content as Block[]);
    if (paused) this.paused.add(canonical(content));
  }

  /** What the API would refuse in the request's earlier assistant turns, if anything. */
  problem(body: Block): RequestProblem | undefined {
    const messages = body['messages'] as Block[];
    const invalid = (message: string): RequestProblem => ({ status: 400, type: 'invalid_request_error', message });
    for (const [i, message] of messages.entries()) {
      if (message['role'] !== 'assistant') continue;
      const content = asBlocks(message['content']);
      for (const [j, block] of content.entries()) {
        if (block['type'] !== 'thinking') continue;
        const signed = this.signatures.get(String(block['signature']));
        if (!signed || signed.shown !== block['thinking']) return invalid(`messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`);
        // A block from another model is dropped without an error; only the same model checks its prefix.
        if (signed.model === body['model'] && signed.prefix !== prefixOf(body, i)) {
          return invalid(
            `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block. The block is bound to a different conversation. ` +
              'Remove the block, or set `thinking.block_binding.prefix_mismatch_behavior` to "drop_block".',
          );
        }
      }
      const original = this.originalOf(content);
      if (original && canonical(original) !== canonical(content)) {
        return invalid(
          `messages.${i}.content: the assistant turn differs from the one Claude returned. Thinking blocks must be passed back ` +
            'unmodified and in their original order, with the rest of the turn.',
        );
      }
    }
    const last = messages.at(-1);
    if (last?.['role'] === 'assistant' && !this.paused.has(canonical(asBlocks(last['content'])))) {
      return invalid('This model does not support assistant message prefill. The conversation must end with a user message.');
    }
    return undefined;
  }

  private originalOf(content: Block[]): Block[] | undefined {
    for (const block of content) {
      const key = block['type'] === 'tool_use' ? block['id'] : block['type'] === 'thinking' ? block['signature'] : undefined;
      const found = key === undefined ? undefined : this.replies.get(String(key));
      if (found) return found;
    }
    return this.replies.get(textKey(content as WireBlock[]));
  }
}

function textKey(content: readonly (WireBlock | Block)[]): string {
  const texts = (content as Block[]).filter((b) => b['type'] === 'text').map((b) => String(b['text']));
  return texts.length ? `text:${texts.join('\n')}` : '';
}
