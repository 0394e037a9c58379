// The person's side of the local channel: each typed line becomes what Slack would deliver — a
// mention, a thread reply, a slash command, a button press, a form's answers — fed to the app.
import { createInterface } from 'node:readline';
import type { JobRunner } from '../slack/jobs.ts';
import type { LocalChannel } from './channel.ts';
import type { ModalPrompts } from './modal.ts';
import { appHomeOpened, blockAction, LOCAL, messageEvents, slashCommand, slackText } from './payloads.ts';
import type { LocalReceiver } from './receiver.ts';
import { mrkdwn, terminalStyle } from './render.ts';
import type { Transcript } from './transcript.ts';
import type { LocalWebApi } from './web-api.ts';

export interface TerminalDeps {
  receiver: LocalReceiver;
  webApi: LocalWebApi;
  channel: LocalChannel;
  transcript: Transcript;
  modals: ModalPrompts;
  jobs: JobRunner;
}

const HELP = [
  `Type as you would in #${LOCAL.channelName}, a Slack channel with ohmymkt in it:`,
  '  @ohmymkt <request>   start a run in a new thread (put `ulw` in it for ultrawork)',
  '  > <text>             reply in the current thread (say `cancel` there to stop its run)',
  '  /thread N            make thread N current and show it again; /thread lists the threads',
  '  /ohmymkt <command>   the slash command; `/ohmymkt help` lists its commands',
  '  click N              press button [N]',
  '  @you, @ohmymkt and @U… (any user id, for a teammate) are mentions, e.g. /ohmymkt approvers add @U0TEAMMATE1',
  '  home                 open ohmymkt\'s App Home: what waits for you, your runs, your programs',
  '  help | exit (or Ctrl-D)',
  'A form asks its fields one by one: Enter keeps a shown value or skips an optional one; /close cancels it.',
];

const MENTION = /@ohmymkt\b/i;

export class Terminal {
  constructor(private readonly deps: TerminalDeps) {}

  /** Reads lines until `exit` or the end of input; each line's delivery is finished before the next. */
  async run(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
    const { screen } = this.deps.transcript;
    const lines = createInterface({ input, output, terminal: screen.interactive });
    screen.attach({ input: lines, text: () => this.promptText() });
    // Ctrl-C ends the session like Ctrl-D: the app stops and the store closes, nothing half-written.
    const end = () => lines.close();
    lines.on('SIGINT', end);
    process.on('SIGINT', end).on('SIGTERM', end);
    screen.showPrompt();
    for await (const line of lines) {
      if (!screen.interactive && !this.deps.modals.active && line.trim() !== '' && !this.isMessage(line)) screen.note(`› ${line}`);
      try {
        if ((await this.handle(line)) === 'exit') break;
      } catch (error) {
        // One line going wrong (the app refusing a payload) is reported; the session goes on.
        screen.note(`That did not go through: ${error instanceof Error ? error.message : String(error)}`);
      }
      // A script's next line is written for the world after this one (an answer to the form it opens),
      // so piped input waits for the app's work; a person at a keyboard need not.
      if (!screen.interactive) await this.deps.jobs.idle();
      screen.showPrompt();
    }
    lines.close();
    process.off('SIGINT', end).off('SIGTERM', end);
    screen.attach(undefined);
  }

  /** Where the next line goes: the form being filled, or the current thread. */
  private promptText(): string {
    const current = this.deps.channel.current;
    return this.deps.modals.active ? '│ › ' : `${current ? `#${this.deps.channel.threadNumber(current)} ` : ''}› `;
  }

  private isMessage(line: string): boolean {
    const text = line.trim();
    return text.startsWith('>') || (!text.startsWith('/') && MENTION.test(text));
  }

  private async handle(line: string): Promise<'exit' | void> {
    const { modals, transcript, channel } = this.deps;
    const text = line.trim();
    if (text === 'exit' || text === 'quit') return 'exit';
    if (modals.active) return modals.answer(line);
    const click = /^click\s+(\d+)$/i.exec(text);
    const thread = /^\/thread(?:\s+#?(\d+))?$/i.exec(text);
    if (text === '') return;
    if (text === 'help') return transcript.screen.print(HELP);
    if (text === 'home') return void (await this.deps.receiver.deliver(appHomeOpened()));
    if (click) return this.press(Number(click[1]));
    if (thread) return this.switchThread(thread[1] === undefined ? undefined : Number(thread[1]));
    if (text.startsWith('/')) return this.command(text);
    if (text.startsWith('>')) {
      if (!channel.current) return transcript.screen.note('No thread yet: start one with @ohmymkt <request>, or pick one with /thread N.');
      return this.say(text.slice(1).trim(), channel.current);
    }
    if (MENTION.test(text)) return this.say(text, undefined);
    transcript.screen.note('Not sent: ohmymkt only hears @ohmymkt, `> ` thread replies and /ohmymkt. Type help for more.');
  }

  /** A person's message in the channel (a new thread) or in a thread, delivered as Slack's events. */
  private async say(typed: string, threadTs: string | undefined): Promise<void> {
    const { channel, transcript, receiver } = this.deps;
    const text = slackText(typed);
    const message = channel.post({ user: LOCAL.userId, text, ...(threadTs ? { threadTs } : {}) });
    if (!threadTs) channel.current = message.ts;
    transcript.show(message);
    for (const payload of messageEvents(text, message.ts, threadTs)) await receiver.deliver(payload);
  }

  private async command(text: string): Promise<void> {
    const { receiver, webApi, transcript } = this.deps;
    const [command = '', ...rest] = text.split(/\s+/);
    if (command !== '/ohmymkt') return transcript.screen.note(`${command} is not a valid command here; ohmymkt's is /ohmymkt.`);
    const ack = (await receiver.deliver(slashCommand(command, rest.join(' '), webApi.responseUrl({})))) as { text?: string; blocks?: unknown[] } | undefined;
    // What a command acks with is shown only to the person who typed it.
    if (ack?.text || ack?.blocks) transcript.ephemeral(ack.text ?? '', ack.blocks, undefined);
  }

  private async press(n: number): Promise<void> {
    const { receiver, webApi, transcript } = this.deps;
    const button = transcript.button(n);
    if (!button) return transcript.screen.note(`There is no button [${n}] on screen (a replaced message takes its buttons with it).`);
    transcript.screen.note(`(you pressed [${n}] ${button.text})`);
    const { host } = button;
    const target = host.kind === 'message' ? { ...(host.ephemeral ? {} : { messageTs: host.ts }), ...(host.threadTs ? { threadTs: host.threadTs } : {}) } : {};
    await receiver.deliver(blockAction(button, webApi.responseUrl(target)));
  }

  private switchThread(n: number | undefined): void {
    const { channel, transcript } = this.deps;
    const threadTs = n === undefined ? undefined : channel.threadTs(n);
    if (threadTs === undefined) {
      const first = (text: string) => mrkdwn(text, terminalStyle(false)).join(' ').slice(0, 70);
      const list = channel.threadList().map(({ n: number, parent, replies }) => `  #${number}  ${parent ? first(parent.text) : '(an earlier thread)'}  · ${replies} replies`);
      transcript.screen.print([n === undefined ? 'Threads:' : `There is no thread #${n}. Threads:`, ...(list.length > 0 ? list : ['  (none yet)'])]);
      return;
    }
    channel.current = threadTs;
    transcript.showThread(threadTs);
  }
}
