// Small measuring helpers shared by the bench sections: percentiles, a fixed-rate sender, and a
// forced GC for memory figures.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Starts `send(i)` every `1000 / rate` ms without waiting for earlier ones (an open loop, as Slack sends). */
export async function atFixedRate<T>(count: number, rate: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const start = performance.now();
  const pending: Array<Promise<T>> = [];
  for (let i = 0; i < count; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(i));
  }
  return Promise.all(pending);
}

/** Runs `send` over `count` items with at most `limit` in flight. */
export async function withConcurrency(count: number, limit: number, send: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await send(next++);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** `global.gc` when node runs with --expose-gc; otherwise the flag is set now and gc fetched from a fresh context. */
export function forcedGc(): { gc: () => void; exposed: boolean } {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return { gc: existing, exposed: true };
  setFlagsFromString('--expose-gc');
  return { gc: runInNewContext('gc') as () => void, exposed: false };
}
