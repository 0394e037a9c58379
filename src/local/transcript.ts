// What the channel shows on screen: messages with their thread numbers (replies indented under their
// thread), ephemeral answers marked as private, modals' read-only parts, and the numbered buttons.
import type { ChannelMessage, LocalChannel } from './channel.ts';
import { LOCAL, type ButtonHost, type PressedButton } from './payloads.ts';
import { mrkdwn, renderMessage, type NumberButton } from './render.ts';
import type { Screen } from './screen.ts';

const TOP = '   ';
const REPLY = '     ';

export class Transcript {
  private readonly buttons = new Map<number, PressedButton>();
  /** Host and button → its number, so a message shown again keeps the numbers it had. */
  private readonly numbers = new Map<string, number>();
  /** Numbers only grow: a number once shown never comes to mean another button. */
  private lastNumber = 0;

  constructor(
    private readonly channel: LocalChannel,
    readonly screen: Screen,
  ) {}

  show(message: ChannelMessage): void {
    const host: ButtonHost = { kind: 'message', ts: message.ts, ephemeral: false, text: message.text, blocks: message.blocks ?? [], ...(message.threadTs ? { threadTs: message.threadTs } : {}) };
    const body = message.deleted ? [this.screen.style.dim('(message deleted)')] : renderMessage(message.text, message.blocks, this.screen.style, this.numberer(message.ts, host));
    this.print(body, { threadTs: message.threadTs, parentTs: message.threadTs ?? message.ts, author: message.user, ...(message.username ? { name: message.username } : {}), edited: message.edited === true });
  }

  ephemeral(text: string, blocks: unknown[] | undefined, threadTs: string | undefined): void {
    const ts = this.channel.nextTs();
    const host: ButtonHost = { kind: 'message', ts, ephemeral: true, text, blocks: blocks ?? [], ...(threadTs ? { threadTs } : {}) };
    const body = renderMessage(text, blocks, this.screen.style, this.numberer(`ephemeral:${ts}`, host));
    this.print(body, { threadTs, parentTs: threadTs, author: LOCAL.botUserId, privately: true });
  }

  /** A one-line sign of activity (a reaction, the assistant status), in the thread it belongs to. */
  activity(text: string, threadTs: string | undefined): void {
    const where = threadTs ? `  ↳ #${this.channel.threadNumber(threadTs)} ` : '';
    this.screen.note(`${where}${mrkdwn(text, this.screen.style).join(' ')}`);
  }

  /** A modal's title and its read-only blocks, with any buttons it holds numbered like a message's. */
  modal(view: Record<string, unknown>): void {
    const title = (view['title'] as { text?: string } | undefined)?.text ?? 'ohmymkt';
    const shown = ((view['blocks'] ?? []) as Array<{ type?: string }>).filter((block) => block.type !== 'input');
    const body = renderMessage(undefined, shown, this.screen.style, this.numberer(`view:${String(view['id'])}`, { kind: 'view', view }));
    this.screen.print([this.screen.style.bold(`┌ ${title}`), ...body.map((line) => `│ ${line}`)]);
  }

  showThread(threadTs: string): void {
    for (const message of this.channel.thread(threadTs)) this.show(message);
  }

  button(n: number): PressedButton | undefined {
    return this.buttons.get(n);
  }

  /** A replaced message or view takes its buttons with it. */
  forget(hostKey: string): void {
    for (const [key, n] of this.numbers) {
      if (!key.startsWith(`${hostKey}|`)) continue;
      this.numbers.delete(key);
      this.buttons.delete(n);
    }
  }

  private numberer(hostKey: string, host: ButtonHost): NumberButton {
    return (seen) => {
      const key = `${hostKey}|${seen.blockId}|${seen.actionId}|${seen.value ?? ''}`;
      const known = this.numbers.get(key);
      if (known !== undefined) return known;
      const n = (this.lastNumber += 1);
      this.numbers.set(key, n);
      this.buttons.set(n, { ...seen, host });
      return n;
    };
  }

  private print(
    body: string[],
    where: { threadTs: string | undefined; parentTs: string | undefined; author: string; name?: string; edited?: boolean; privately?: boolean },
  ): void {
    const { style } = this.screen;
    // An agent speaks under its own name ("growth-manager · ohmymkt"), as Slack shows it.
    const who = style.bold(where.name ?? (where.author === LOCAL.userId ? 'you' : where.author === LOCAL.botUserId ? 'ohmymkt' : where.author));
    const marks = `${where.privately ? style.dim(' (only you)') : ''}${where.edited ? style.dim(' (edited)') : ''}`;
    const number = where.parentTs ? `#${this.channel.threadNumber(where.parentTs)} ` : '';
    const [head, indent] = where.threadTs ? [`  ↳ ${number}${who}`, REPLY] : [`${number}${who}`, TOP];
    this.screen.print([`${head}${marks}`, ...body.map((line) => (line === '' ? '' : `${indent}${line}`))]);
  }
}
