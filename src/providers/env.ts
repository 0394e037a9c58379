// What every adapter is built with besides its settings: the network, the clock and the polling bound.
import type { HttpEnv } from './http.ts';
import type { PollOptions } from './poll.ts';

export interface RemotionHost {
  /** Executable that renders, run without a shell; `{composition}`, `{props}` and `{out}` in args are filled in. */
  command: string;
  args: readonly string[];
  /** The project directory the command runs in. */
  cwd: string;
  timeoutMs?: number;
}

export interface AdapterEnv extends HttpEnv {
  poll: PollOptions;
  now: () => Date;
  /** Set only by the operator of a host that has a browser and a Remotion project; never from Slack. */
  remotion?: RemotionHost;
}

export const DEFAULT_ADAPTER_ENV: AdapterEnv = {
  fetch: (input, init) => fetch(input, init),
  timeoutMs: 60_000,
  poll: { intervalMs: 5_000, maxAttempts: 120 },
  now: () => new Date(),
};
