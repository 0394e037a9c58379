// Every model call an agent makes, append-only: which prompts (versions and hashes), which model, what it
// used and cost, why it stopped. A person reads a run's totals from here to see what a request cost.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId, type Scoped } from './stored.ts';

const Tokens = z.number().int().min(0);

export const AgentCallSchema = z.object({
  runId: z.string().min(1),
  agent: z.string().min(1),
  /** Position of the call in its run, counted across every agent the run involved. */
  step: z.number().int().min(1),
  depth: z.number().int().min(0),
  promptVersion: z.string().min(1),
  promptSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The shared team prompt read before the agent's own; absent on calls stored before it existed. */
  teamPromptVersion: z.string().min(1).optional(),
  teamPromptSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  model: z.string().min(1),
  usage: z.object({ inputTokens: Tokens, outputTokens: Tokens, cacheReadTokens: Tokens, cacheWriteTokens: Tokens, cacheWrite1hTokens: Tokens.optional() }),
  /** Null when the model's price is not known to us. */
  costUsd: z.number().min(0).nullable(),
  stopReason: z.string().min(1),
  durationMs: z.number().min(0),
  at: z.date(),
});
export type AgentCall = z.infer<typeof AgentCallSchema>;

type StoredCall = Scoped & AgentCall;

export class AgentCalls {
  private constructor(private readonly docs: Collection<StoredCall>) {}

  static async open(store: DocumentStore): Promise<AgentCalls> {
    return new AgentCalls(await store.collection<StoredCall>('agent_calls', [{ field: 'runId' }]));
  }

  async append(program: ProgramRef, call: AgentCall): Promise<void> {
    await this.docs.insertOne({ _id: scopedId(program, 'call', randomUUID()), ...scope(program), ...call });
  }

  /** Dollars the program's priced calls cost since `since` (App Home's week per program). */
  async costSince(program: ProgramRef, since: Date): Promise<number> {
    const docs = await this.docs.find({ ...scope(program), at: { $gte: since } });
    return docs.reduce((sum, doc) => sum + (typeof doc.costUsd === 'number' ? doc.costUsd : 0), 0);
  }

  /** The calls of one run, oldest first. */
  async listRun(program: ProgramRef, runId: string): Promise<AgentCall[]> {
    const docs = await this.docs.find({ ...scope(program), runId }, { sort: { step: 1 } });
    return docs.map((doc) => readStored('agent_calls', AgentCallSchema, doc));
  }
}
