// The call discipline both embedded collections share: one call at a time (so a compare-and-set reads
// and writes without interleaving), nothing after close, and a write that failed on disk undone before
// anything else runs. While the undo itself fails (a dead disk), every call is refused rather than
// served from memory that may be ahead of the file.
import { StoreUnavailable } from '../port.ts';

const isSystemError = (err: unknown): err is NodeJS.ErrnoException =>
  err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';

export class SerialCalls {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Set when a failed write could not be undone: every call retries `repair` first. */
  private unsettled = false;

  /** `repair` brings memory and file back to the last acknowledged write. */
  constructor(
    private readonly file: string,
    private readonly repair: () => Promise<unknown>,
  ) {}

  /** Runs `work` after every call queued before it; a system error becomes StoreUnavailable. */
  run<R>(action: string, work: () => Promise<R>): Promise<R> {
    if (this.closed) return Promise.reject(new StoreUnavailable(`The embedded store holding ${this.file} is closed`));
    return this.serial(async () => {
      try {
        await this.settle();
        return await work();
      } catch (err) {
        throw this.unavailable(action, err);
      }
    });
  }

  /** A call that changes the file: when it fails, `undo` runs, and `repair` on every call until one succeeds. */
  write<R>(undo: () => Promise<void>, action: string, work: () => Promise<R>): Promise<R> {
    return this.run(action, async () => {
      try {
        return await work();
      } catch (err) {
        try {
          await undo();
        } catch {
          this.unsettled = true;
        }
        throw err;
      }
    });
  }

  /** Refuses new calls, then waits for queued ones (running `last` behind them, when given). */
  async close(last: () => Promise<unknown> = () => Promise.resolve()): Promise<void> {
    const done = this.serial(last);
    this.closed = true;
    await done;
  }

  private serial<R>(work: () => Promise<R>): Promise<R> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async settle(): Promise<void> {
    if (!this.unsettled) return;
    try {
      await this.repair();
    } catch (err) {
      throw new StoreUnavailable(
        `The embedded store could not undo a failed write in ${this.file} (${(err as Error).message}) and refuses ` +
          'calls on it until it can. Check that the disk has space and the directory is writable.',
        { cause: err },
      );
    }
    this.unsettled = false;
  }

  private unavailable(action: string, err: unknown): unknown {
    if (!isSystemError(err)) return err;
    return new StoreUnavailable(
      `The embedded store could not ${action} in ${this.file}: ${err.message}. ` +
        'Check that the disk has space and the directory is writable.',
      { cause: err },
    );
  }
}
