// The local channel's history, as Slack would keep it: messages and their threads (numbered so a
// person can name one), kept in the data directory so a restart finds its threads and their buttons.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJson } from '../json.ts';

const MessageSchema = z.object({
  ts: z.string(),
  threadTs: z.string().optional(),
  user: z.string(),
  /** The name the app posted under (an agent speaking as itself), shown instead of the bot's. */
  username: z.string().optional(),
  text: z.string(),
  blocks: z.array(z.unknown()).optional(),
  edited: z.boolean().optional(),
  deleted: z.boolean().optional(),
});
export type ChannelMessage = z.infer<typeof MessageSchema>;

const HistorySchema = z.object({ messages: z.array(MessageSchema), threads: z.array(z.tuple([z.string(), z.number().int()])) });

export class LocalChannel {
  private readonly messages = new Map<string, ChannelMessage>();
  /** Thread parent ts → the number a person types in `/thread N`. */
  private readonly threads = new Map<string, number>();
  private lastMicros = 0;
  private saving: Promise<void> = Promise.resolve();
  /** Where `> text` replies go. */
  current: string | undefined;

  private constructor(private readonly file: string) {}

  static async open(file: string): Promise<LocalChannel> {
    const channel = new LocalChannel(file);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    // A history this version cannot read is only a transcript; the store still has every fact.
    const history = text === undefined ? undefined : HistorySchema.safeParse(parseJson(text));
    if (history?.success) {
      for (const message of history.data.messages) channel.messages.set(message.ts, message);
      for (const [ts, n] of history.data.threads) channel.threads.set(ts, n);
    }
    return channel;
  }

  /** Slack's ts: seconds and six digits, unique and increasing in the channel. */
  nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  post(message: Omit<ChannelMessage, 'ts'>): ChannelMessage {
    const stored = { ...message, ts: this.nextTs() };
    this.messages.set(stored.ts, stored);
    if (!stored.threadTs) this.threadNumber(stored.ts);
    this.save();
    return stored;
  }

  update(ts: string, change: Partial<Pick<ChannelMessage, 'text' | 'blocks' | 'deleted'>>): ChannelMessage | undefined {
    const existing = this.messages.get(ts);
    if (!existing) return undefined;
    const updated = { ...existing, ...change, edited: true };
    this.messages.set(ts, updated);
    this.save();
    return updated;
  }

  find(ts: string): ChannelMessage | undefined {
    return this.messages.get(ts);
  }

  /** A thread's number, given on first sight (a run resumed after a restart may post under an old one). */
  threadNumber(threadTs: string): number {
    const known = this.threads.get(threadTs);
    if (known !== undefined) return known;
    const n = this.threads.size + 1;
    this.threads.set(threadTs, n);
    this.save();
    return n;
  }

  threadTs(n: number): string | undefined {
    return [...this.threads].find(([, number]) => number === n)?.[0];
  }

  /** The parent (when known) and its replies, oldest first. */
  thread(threadTs: string): ChannelMessage[] {
    return [...this.messages.values()].filter((m) => !m.deleted && (m.ts === threadTs || m.threadTs === threadTs)).sort((a, b) => a.ts.localeCompare(b.ts));
  }

  hasReplies(threadTs: string): boolean {
    return [...this.messages.values()].some((m) => m.threadTs === threadTs);
  }

  threadList(): Array<{ n: number; parent: ChannelMessage | undefined; replies: number }> {
    return [...this.threads].map(([ts, n]) => ({ n, parent: this.messages.get(ts), replies: this.thread(ts).filter((m) => m.threadTs === ts).length }));
  }

  /** Resolves once the history on disk matches memory. */
  flushed(): Promise<void> {
    return this.saving;
  }

  private save(): void {
    const history = { messages: [...this.messages.values()], threads: [...this.threads] };
    // Written whole through a temporary file, one write at a time, so a crash leaves the old or the new
    // history; each write carries everything, so a failed one is superseded by the next.
    this.saving = this.saving.catch(() => undefined).then(async () => {
      await writeFile(`${this.file}.tmp`, JSON.stringify(history));
      await rename(`${this.file}.tmp`, this.file);
    });
  }
}
