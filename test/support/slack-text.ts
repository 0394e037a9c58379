// Everything a person would read in a recorded Slack call: the fallback text plus every text field of
// its blocks (or view), flattened, so tests assert on what is shown rather than on block structure.
import type { SlackCall } from './fake-slack.ts';

function collect(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'text' && typeof value === 'string') out.push(unescape(value));
    else collect(value, out);
  }
}

/** Slack renders these three escapes back to their characters. */
function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function shownText(call: SlackCall): string {
  const out: string[] = [];
  if (typeof call.args['text'] === 'string') out.push(call.args['text']);
  collect(call.args['blocks'], out);
  collect(call.args['view'], out);
  return out.join('\n');
}

/** True when the call is visible only to the person (ephemeral response or chat.postEphemeral). */
export function isPrivate(call: SlackCall): boolean {
  if (call.method === 'chat.postEphemeral') return true;
  return call.method === 'response_url' && call.args['response_type'] !== 'in_channel';
}

export interface ShownButton {
  action_id: string;
  value: string;
  text: { text: string };
}

/** Every button a message shows, in order (actions blocks and section accessories). */
export function buttonsOf(call: SlackCall): ShownButton[] {
  const blocks = (call.args['blocks'] ?? []) as Array<{ elements?: unknown[]; accessory?: unknown }>;
  return blocks
    .flatMap((block) => [...((block.elements ?? []) as unknown[]), ...(block.accessory ? [block.accessory] : [])])
    .filter((element): element is ShownButton => (element as { type?: string }).type === 'button');
}

/** The value of the message's button with this action id, if it shows one. */
export function buttonValue(call: SlackCall, actionId: string): string | undefined {
  return buttonsOf(call).find((button) => button.action_id === actionId)?.value;
}
