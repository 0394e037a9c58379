// What one step of a run may read and do: the services over the store, the agents, the run's thread,
// a compare-and-set move, and the signal that stops it. Steps get this and nothing of the worker.
import type { Run, RunPatch, RunState } from '../domain/runs.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { AgentRunner, ThreadPort } from './ports.ts';

export interface PhaseContext {
  services: ServiceDeps;
  agents: AgentRunner;
  thread: ThreadPort;
  /** Moves the run by the transition table; undefined when another actor moved it first. */
  move(run: Run, state: RunState, patch?: RunPatch): Promise<Run | undefined>;
  /** Aborted on Cancel or a lost lease: the step stops before its next model call or tool. */
  signal: AbortSignal | undefined;
}
