// Moves runs forward. One worker holds a run at a time through a lease in the store, so replicas can
// share the work; every move is a compare-and-set, so a click or a cancel that lands mid-phase wins
// and the worker stops. Waiting and final states release the run.
import { storageErrorText } from '../services/public-errors.ts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logging.ts';
import { AbortedError, ModelError } from '../llm/model.ts';
import { canMove, isWorking, runProgram, type Run, type RunPatch, type RunState } from '../domain/runs.ts';
import type { ProgramRef } from '../domain/program.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { runPhase } from './phases.ts';
import type { AgentRunner, ThreadPort } from './ports.ts';

export interface WorkerDeps {
  services: ServiceDeps;
  agents: AgentRunner;
  thread: ThreadPort;
  logger: Logger;
  /** How long a lease lasts without renewal; a crashed worker's run is taken over after it. */
  leaseMs?: number;
}

// A holder names its process for the logs only; whether it still works the run is judged by its lease
// alone. Containers share hostnames and pids, so a host or pid says nothing about a live replica.
const HOST = hostname();


export class IllegalTransition extends Error {
  constructor(
    readonly from: RunState,
    readonly to: RunState,
  ) {
    super(`a run cannot move from ${from} to ${to} (domain/runs.ts TRANSITIONS)`);
    this.name = 'IllegalTransition';
  }
}

export class RunWorker {
  readonly holder = `${HOST}:${process.pid}:${randomUUID()}`;
  private readonly leaseMs: number;
  /** Runs this process is advancing now: a sweep must not start a second loop on one of them. */
  private readonly active = new Set<string>();
  /** Set at a shutdown's drain deadline: from then on this process takes, renews and works no run. */
  private handedBack = false;
  /** One per run being worked here: aborted on Cancel or a lost lease, so its agent stops mid-step. */
  private readonly controllers = new Map<string, AbortController>();

  constructor(readonly deps: WorkerDeps) {
    this.leaseMs = deps.leaseMs ?? 5 * 60_000;
  }

  private now(): Date {
    return this.deps.services.clock.now();
  }

  /** Compare-and-set from `run`; undefined when someone else moved it first. */
  async save(run: Run, patch: RunPatch): Promise<Run | undefined> {
    return this.write(run, patch);
  }

  private async write(run: Run, patch: RunPatch & { state?: RunState }): Promise<Run | undefined> {
    const next: Run = { ...run, ...patch, rev: run.rev + 1, updatedAt: this.now() };
    return (await this.deps.services.repos.runs.replace(next)) ? next : undefined;
  }

  /** Moves the run to `state` by compare-and-set; a move the transition table does not list is a bug. */
  async move(run: Run, state: RunState, patch: RunPatch = {}): Promise<Run | undefined> {
    if (!canMove(run.state, state)) throw new IllegalTransition(run.state, state);
    const moved = await this.write(run, { ...patch, state });
    // Every move shows: the progress message and the mark on the request follow the state (best effort).
    if (moved) await this.deps.thread.progress(moved).catch((error: unknown) => this.deps.logger.warn('run_progress_failed', { team: moved.teamId, channel: moved.channelId, thread: moved.threadTs, error }));
    return moved;
  }

  private leaseUntil(): Date {
    return new Date(this.now().getTime() + this.leaseMs);
  }

  /** Whether some worker (here or on another replica) holds the run's lease right now. */
  async busy(program: ProgramRef, threadTs: string): Promise<boolean> {
    return (await this.deps.services.repos.runLeases.holder(leaseKey(program, threadTs), this.now())) !== undefined;
  }

  /**
   * Works the run until it waits for a person, ends, or another actor moves it. The lease is renewed
   * while a step runs (an agent may think for minutes) and given back when the loop ends.
   */
  async advance(program: ProgramRef, threadTs: string): Promise<void> {
    const key = leaseKey(program, threadTs);
    if (this.active.has(key) || this.handedBack) return;
    const leases = this.deps.services.repos.runLeases;
    const initial = await this.deps.services.repos.runs.get(program, threadTs);
    if (initial === undefined || !isWorking(initial.state)) return;
    this.active.add(key);
    try {
      if (!(await leases.acquire(key, this.holder, this.leaseUntil(), this.now()))) return;
      const controller = new AbortController();
      this.controllers.set(key, controller);
      const heartbeat = setInterval(() => {
        // A released lease keeps its holder's name, so a renewal after the hand-back would take it again.
        if (this.handedBack) return;
        leases.renew(key, this.holder, this.leaseUntil()).then(
          (renewed) => {
            // Someone else holds the run now: stop before another tool runs, so no run is worked twice.
            if (!renewed) controller.abort('lease lost');
          },
          (error: unknown) => this.deps.logger.warn('lease_renew_failed', { key, error }),
        );
      }, this.leaseMs / 3);
      heartbeat.unref();
      try {
        // Read again under the lease: the run may have moved between the first read and the lease.
        let run = await this.deps.services.repos.runs.get(program, threadTs);
        while (run !== undefined && isWorking(run.state) && !this.handedBack) {
          const moved = await this.step(run);
          if (moved === undefined) {
            this.deps.logger.info('run_moved_elsewhere', { team: program.teamId, channel: program.channelId, thread: threadTs });
            return;
          }
          run = moved;
        }
      } finally {
        clearInterval(heartbeat);
        this.controllers.delete(key);
        await leases.release(key, this.holder);
      }
    } finally {
      this.active.delete(key);
    }
  }

  /** The abort signal of the run's current step here, if this process is working it. */
  signalFor(run: Run): AbortSignal | undefined {
    return this.controllers.get(leaseKey(runProgram(run), run.threadTs))?.signal;
  }

  /** Stops the run's agent if this process is working it: no model call starts and no tool runs after. */
  abort(program: ProgramRef, threadTs: string, reason: string): void {
    this.controllers.get(leaseKey(program, threadTs))?.abort(reason);
  }

  private async step(run: Run): Promise<Run | undefined> {
    try {
      const { services, agents, thread } = this.deps;
      return await runPhase({ services, agents, thread, move: (r, state, patch) => this.move(r, state, patch), signal: this.signalFor(run) }, run);
    } catch (error) {
      // Stopped on purpose (Cancel, a lost lease): whoever stopped it owns the run and its thread now.
      if (error instanceof AbortedError) {
        this.deps.logger.info('run_step_aborted', { team: run.teamId, channel: run.channelId, thread: run.threadTs, state: run.state, reason: error.message });
        return undefined;
      }
      // The thread says "storage is unreachable"; the host, port or path stays in the log line above it.
      const message = storageErrorText(error) ?? (error instanceof Error ? error.message : String(error));
      this.deps.logger.error('run_failed', { team: run.teamId, channel: run.channelId, thread: run.threadTs, state: run.state, error });
      const failed = await this.move(run, 'failed', { failedIn: run.state, error: message });
      const retryable = !(error instanceof ModelError) || error.retryable;
      if (failed) await this.deps.thread.post(failed, { type: 'failed', message: `${phaseName(run.state)} failed: ${message}`, retryable });
      return failed;
    }
  }

  /**
   * Gives every run this process is working back to the store (its lease released), so another replica
   * or the next start resumes it at once instead of after the lease runs out. Called when a shutdown's
   * drain deadline passes; the process exits right after. Returns how many runs were handed back.
   */
  async handBack(): Promise<number> {
    this.handedBack = true;
    // The steps still running stop here too: their runs go on elsewhere, from their journals.
    for (const controller of this.controllers.values()) controller.abort('handed back at shutdown');
    const keys = [...this.active];
    const leases = this.deps.services.repos.runLeases;
    const released = await Promise.allSettled(keys.map((key) => leases.release(key, this.holder)));
    for (const [i, result] of released.entries()) {
      if (result.status === 'rejected') this.deps.logger.warn('lease_release_failed', { key: keys[i], error: result.reason });
    }
    return keys.length;
  }

  /**
   * Every run a worker should be moving whose lease is free: at start (resume after a restart) and
   * periodically, so a run whose worker died (its lease ran out) is taken over by a live replica.
   */
  async resumeAll(): Promise<void> {
    for (const run of await this.deps.services.repos.runs.working()) {
      await this.advance(runProgram(run), run.threadTs);
    }
  }
}

function leaseKey(program: ProgramRef, threadTs: string): string {
  return `${program.teamId}:${program.channelId}:${threadTs}`;
}

export function phaseName(state: RunState): string {
  const names: Partial<Record<RunState, string>> = {
    routing: 'Routing',
    clarifying: 'Requirements',
    reviewing: 'Plan review',
    executing: 'Execution',
    reporting: 'The closing report',
  };
  return names[state] ?? 'The run';
}
