// The hierarchy speaking in the thread while a step runs: each delegation is said as it happens (one line,
// in the delegating agent's name) and each delegated agent reports when it ends (in its own name), and the
// progress message gains a task per delegation. The agent loop tells these synchronously; the posts go out
// in order, one after another, and the step waits for them before it goes on (a failed post fails the step,
// as any other post of the step would).
import type { Run } from '../domain/runs.ts';
import type { AgentDone, Delegation, ThreadPort } from './ports.ts';

export interface SpeakingHierarchy {
  onDelegation(delegation: Delegation): void;
  onAgentDone(done: AgentDone): void;
  /** Resolves once everything told so far is in the thread; rejects with the first post that failed. */
  settled(): Promise<void>;
}

export function speakingHierarchy(thread: ThreadPort, run: Run, signal: AbortSignal | undefined): SpeakingHierarchy {
  let queue: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const say = (work: () => Promise<unknown>) => {
    queue = queue.then(async () => {
      // After Cancel, or once a post failed, nothing more of the agents' reaches the thread.
      if (signal?.aborted || failure) return;
      await work();
    }).catch((error: unknown) => {
      failure ??= { error };
    });
  };
  return {
    onDelegation({ from, to, task }) {
      say(async () => {
        await thread.post(run, { type: 'delegation', from, to, task });
        await thread.progress(run, { kind: 'delegated', from, to, task });
      });
    },
    onAgentDone({ agent, ok, text }) {
      say(async () => {
        await thread.post(run, { type: 'agent', agent, text });
        await thread.progress(run, { kind: 'finished', agent, ok, output: text });
      });
    },
    async settled() {
      await queue;
      if (failure) throw failure.error;
    },
  };
}
