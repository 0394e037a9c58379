// Flushes a datafile to disk before a write is acknowledged. nedb appends each change with a plain
// `appendFile` and only fsyncs when it compacts, so without this an acknowledged write survives a
// process crash but not a power cut or kernel crash. Writers that arrive while a flush is running
// share the next one, so concurrent writes cost one fsync, not one each.
import { open } from 'node:fs/promises';

async function fsync(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function flusher(file: string): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | null = null;
  return () => {
    // A flush already running may have started before the caller's append, so join the next one.
    if (waiting) return waiting;
    const flush = last.catch(() => undefined).then(() => {
      waiting = null;
      return fsync(file);
    });
    waiting = last = flush;
    return flush;
  };
}
