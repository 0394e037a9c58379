// Block Kit and mrkdwn as terminal text: headers stand out, context is dimmed, fields sit in two
// columns, and every button gets the number `click N` presses. Styling is ANSI only on a TTY.
import { LOCAL, type PressedButton } from './payloads.ts';

export interface Style {
  bold(text: string): string;
  italic(text: string): string;
  dim(text: string): string;
  code(text: string): string;
  /** A line of a code block. */
  preformatted(text: string): string;
  good(text: string): string;
  bad(text: string): string;
  header(text: string): string[];
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

export function terminalStyle(ansi: boolean): Style {
  if (!ansi) {
    const same = (text: string) => text;
    const header = (t: string) => [t, '─'.repeat(Math.min(visibleLength(t), 60))];
    return { bold: same, italic: same, dim: same, code: (t) => `\`${t}\``, preformatted: (t) => `  ${t}`, good: same, bad: same, header };
  }
  const bold = sgr(1, 22);
  const underline = sgr(4, 24);
  // Bold and dim share one "normal intensity" reset, so dimmed text turns dim again after its bold parts.
  const dim = (text: string) => sgr(2, 22)(text.replaceAll('\x1b[22m', '\x1b[22m\x1b[2m'));
  const cyan = sgr(36, 39);
  return { bold, italic: sgr(3, 23), dim, code: cyan, preformatted: cyan, good: sgr(32, 39), bad: sgr(31, 39), header: (t) => [bold(underline(t))] };
}

function visibleLength(text: string): number {
  return text.replace(/\x1b\[[0-9;]*m/g, '').length;
}

// The emoji ohmymkt's messages use; any other `:name:` stays as typed, as a Slack client without it would.
const EMOJI: Record<string, string> = {
  white_check_mark: '✅', x: '❌', warning: '⚠️', zap: '⚡', white_circle: '⚪', double_vertical_bar: '⏸', red_circle: '🔴',
  large_orange_circle: '🟠', large_yellow_circle: '🟡', large_green_circle: '🟢', large_blue_circle: '🔵', raised_hand: '✋',
  no_entry: '⛔', memo: '📝', electric_plug: '🔌', wrench: '🔧', wastebasket: '🗑', rewind: '⏪', question: '❓',
  octagonal_sign: '🛑', hourglass_flowing_sand: '⏳', frame_with_picture: '🖼', clipboard: '📋', arrow_up: '⬆', arrow_down: '⬇',
  arrow_right: '➡', arrow_forward: '▶', eyes: '👀', chart_with_upwards_trend: '📈', rocket: '🚀', bar_chart: '📊',
  moneybag: '💰', mag: '🔍', books: '📚', writing_hand: '✍', package: '📦', speech_balloon: '💬',
};

const emoji = (text: string) => text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);

function person(id: string): string {
  if (id === LOCAL.userId) return '@you';
  if (id === LOCAL.botUserId) return '@ohmymkt';
  return `@${id}`;
}

/** Slack's `<…>` sequences: mentions, channels, dates (their fallback text) and links. */
function special(inner: string): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('@')) return person(target.slice(1));
  if (target.startsWith('#')) return `#${label ?? LOCAL.channelName}`;
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('!subteam^')) return `@${label?.replace(/^@/, '') ?? target.slice('!subteam^'.length)}`;
  if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
  return label && label !== target ? `${label} (${target})` : target;
}

function inline(text: string, style: Style): string {
  const formatted = text
    // A raw `>` opening a line is a quote; one the person typed arrives escaped as `&gt;`.
    .replace(/(^|\n)> ?/g, (_, before: string) => `${before}${style.dim('▎')} `)
    .replace(/<([^<>\n]+)>/g, (_, inner: string) => special(inner))
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, (_, before: string, bold: string) => `${before}${style.bold(bold)}`)
    .replace(/(^|[^\w_])_(?!\s)([^_\n]+?)_(?!\w)/g, (_, before: string, italic: string) => `${before}${style.italic(italic)}`)
    .replace(/(^|[^\w~])~(?!\s)([^~\n]+?)~(?!\w)/g, (_, before: string, struck: string) => `${before}${style.dim(struck)}`);
  return emoji(formatted);
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** mrkdwn to styled lines; code spans and blocks are left exactly as written. */
export function mrkdwn(text: string, style: Style): string[] {
  const parts = text.split(/(```[\s\S]*?```|`[^`\n]+`)/);
  const rendered = parts
    .map((part) => {
      if (part.startsWith('```') && part.endsWith('```') && part.length >= 6) {
        return part.slice(3, -3).replace(/^\n|\n$/g, '').split('\n').map((line) => style.preformatted(unescape(line))).join('\n');
      }
      if (/^`[^`\n]+`$/.test(part)) return style.code(unescape(part.slice(1, -1)));
      return unescape(inline(part, style));
    })
    .join('');
  return rendered.split('\n');
}

interface TextObject {
  type?: string;
  text?: string;
}

/** Hands out the number a button is pressed by; the same button keeps its number when shown again. */
export type NumberButton = (button: Omit<PressedButton, 'host'>) => number;

function textOf(object: TextObject | undefined, style: Style): string[] {
  if (!object?.text) return [];
  return object.type === 'mrkdwn' ? mrkdwn(object.text, style) : [emoji(object.text)];
}

// Blocks arrive as JSON the app sent; reading them loosely lets an unknown block render as a note, not a crash.
type Block = Record<string, any>;

function button(element: Block, blockId: string, style: Style, number: NumberButton): string {
  const text = textOf(element['text'], style).join(' ');
  const n = number({ actionId: String(element['action_id'] ?? ''), blockId, value: element['value'], text });
  const label = `[${n}] ${text}`;
  if (element['style'] === 'primary') return style.good(label);
  if (element['style'] === 'danger') return style.bad(label);
  return label;
}

function element(element: Block, blockId: string, style: Style, number: NumberButton): string {
  if (element['type'] === 'button') return button(element, blockId, style, number);
  return style.dim(`(${String(element['type'])}: not available in the terminal)`);
}

/** Fields side by side in pairs, as Slack lays them out on a desktop; one under another when too wide for that. */
function columns(fields: string[][]): string[] {
  const lefts = fields.filter((_, i) => i % 2 === 0).flat();
  const widest = Math.max(0, ...lefts.map(visibleLength));
  if (widest > 40) return fields.flat();
  const lines: string[] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const left = fields[i] ?? [];
    const right = fields[i + 1] ?? [];
    for (let row = 0; row < Math.max(left.length, right.length); row += 1) {
      const cell = left[row] ?? '';
      const next = right[row] ?? '';
      lines.push(next === '' ? cell : `${cell}${' '.repeat(widest + 4 - visibleLength(cell))}${next}`);
    }
  }
  return lines;
}

/** Rich text's plain words (sections of text, links and emoji), as a task card's output shows them. */
function richText(rich: Block | undefined): string {
  const words = (node: Block): string => {
    if (node['type'] === 'text' || node['type'] === 'link') return String(node['text'] ?? node['url'] ?? '');
    if (node['type'] === 'emoji') return emoji(`:${String(node['name'] ?? '')}:`);
    return ((node['elements'] ?? []) as Block[]).map(words).join('');
  };
  return rich ? words(rich) : '';
}

const TASK_MARK: Record<string, string> = { pending: '○', in_progress: '◐', complete: '●', error: '✖' };

/** One task of a plan: its status mark and title, its output dimmed under it. */
function taskCard(task: Block, style: Style): string[] {
  const status = String(task['status'] ?? 'pending');
  const mark = TASK_MARK[status] ?? '○';
  const head = `${status === 'complete' ? style.good(mark) : status === 'error' ? style.bad(mark) : mark} ${String(task['title'] ?? '')} ${style.dim(`(${status.replace('_', ' ')})`)}`;
  const output = richText(task['output'] as Block | undefined);
  return [head, ...(output ? [style.dim(`    ${output}`)] : [])];
}

function block(b: Block, style: Style, number: NumberButton): string[] {
  const blockId = String(b['block_id'] ?? '');
  switch (b['type']) {
    case 'header':
      return style.header(textOf(b['text'], style).join(' '));
    case 'section': {
      const lines = textOf(b['text'], style);
      if (Array.isArray(b['fields'])) lines.push(...columns((b['fields'] as TextObject[]).map((field) => textOf(field, style))));
      if (b['accessory']) lines.push(element(b['accessory'], blockId, style, number));
      return lines;
    }
    case 'context':
      return [
        style.dim(
          ((b['elements'] ?? []) as Block[])
            .map((e) => (e['type'] === 'image' ? `[${String(e['alt_text'] ?? 'image')}]` : textOf(e, style).join(' ')))
            .join('  '),
        ),
      ];
    case 'divider':
      return [style.dim('─'.repeat(40))];
    case 'actions':
      return [((b['elements'] ?? []) as Block[]).map((e) => element(e, blockId, style, number)).join('  ')];
    case 'image':
      return [style.dim(`[image: ${String(b['alt_text'] ?? b['image_url'] ?? '')}]`)];
    case 'input':
      return textOf(b['label'], style);
    case 'plan':
      return [style.bold(String(b['title'] ?? '')), ...((b['tasks'] ?? []) as Block[]).flatMap((task) => taskCard(task, style))];
    case 'task_card':
      return taskCard(b, style);
    case 'rich_text':
      return [richText(b)];
    default:
      return [style.dim(`(${String(b['type'])} block)`)];
  }
}

/** A message as a person would read it in Slack: its blocks, or its fallback text when it has none. */
export function renderMessage(text: string | undefined, blocks: unknown[] | undefined, style: Style, number: NumberButton): string[] {
  if (!blocks || blocks.length === 0) return mrkdwn(text ?? '', style);
  return (blocks as Block[]).flatMap((b) => block(b, style, number));
}
