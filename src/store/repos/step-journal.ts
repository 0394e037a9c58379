// What a run's step has already done, so a step resumed after a crash replays it instead of doing it
// again: each model turn in the order the step made them, and each tool call's answer under its
// tool_use id. The first record under a key wins; a replay never writes. Payloads are stored as JSON
// text because tool inputs may hold keys a document store refuses (`$…`, dotted names).
import { z } from 'zod';
import { parseJson } from '../../json.ts';
import type { Collection, DocumentStore } from '../port.ts';

interface JournalDoc {
  _id: string;
  step: string;
  /** The run the step belongs to, so a run's closing report can read all its steps (absent on older entries). */
  run?: string;
  payload: string;
  at: Date;
}

/** Steps are named `<run id>@<revision>:<state>:<agent>` (src/runs/phases.ts); a run id never holds '@'. */
export function runOfStep(step: string): string {
  const at = step.indexOf('@');
  return at < 0 ? step : step.slice(0, at);
}

/** A tool call of a run, as journaled: the model's tool_use and the answer the tool gave. */
export interface JournaledCall {
  step: string;
  tool: string;
  input: Record<string, unknown>;
  answer: JournalToolAnswer;
  at: Date;
}

const TurnSchema = z.object({
  model: z.string(),
  content: z.array(z.record(z.string(), z.unknown())),
  stopReason: z.string(),
});

const ToolAnswerSchema = z.object({
  content: z.string(),
  isError: z.boolean(),
  refusal: z.object({ code: z.string(), message: z.string(), reasons: z.array(z.string()).optional() }).optional(),
});

export type JournalTurn = z.infer<typeof TurnSchema>;
export type JournalToolAnswer = z.infer<typeof ToolAnswerSchema>;

/** Stored data that no longer reads back is a broken invariant, never an empty journal. */
function read<T>(doc: JournalDoc | null, schema: z.ZodType<T>): T | undefined {
  if (doc === null) return undefined;
  const parsed = schema.safeParse(parseJson(doc.payload));
  if (!parsed.success) throw new Error(`the step journal entry ${doc._id} could not be read back: ${parsed.error.message}`);
  return parsed.data;
}

export class StepJournal {
  private constructor(private readonly docs: Collection<JournalDoc>) {}

  static async open(store: DocumentStore): Promise<StepJournal> {
    return new StepJournal(await store.collection<JournalDoc>('step_journal', [{ field: 'run' }]));
  }

  async turn(step: string, index: number): Promise<JournalTurn | undefined> {
    return read(await this.docs.findOne({ _id: `${step}#turn#${index}` }), TurnSchema);
  }

  async recordTurn(step: string, index: number, turn: JournalTurn, at: Date): Promise<void> {
    await this.docs.insertOne({ _id: `${step}#turn#${index}`, step, run: runOfStep(step), payload: JSON.stringify(turn), at });
  }

  async toolAnswer(step: string, toolUseId: string): Promise<JournalToolAnswer | undefined> {
    return read(await this.docs.findOne({ _id: `${step}#tool#${toolUseId}` }), ToolAnswerSchema);
  }

  async recordToolAnswer(step: string, toolUseId: string, answer: JournalToolAnswer, at: Date): Promise<void> {
    await this.docs.insertOne({ _id: `${step}#tool#${toolUseId}`, step, run: runOfStep(step), payload: JSON.stringify(answer), at });
  }

  /**
   * Every tool call the run's steps answered, oldest first, named from the turn that asked for it. A
   * step replayed after a crash journaled each call once, so nothing is counted twice.
   */
  async callsOfRun(runId: string): Promise<JournaledCall[]> {
    const docs = await this.docs.find({ run: runId }, { sort: { at: 1 } });
    const asked = new Map<string, { tool: string; input: Record<string, unknown> }>();
    for (const doc of docs) {
      if (!doc._id.includes('#turn#')) continue;
      for (const block of read(doc, TurnSchema)?.content ?? []) {
        if (block['type'] === 'tool_use' && typeof block['id'] === 'string' && typeof block['name'] === 'string') {
          const input = typeof block['input'] === 'object' && block['input'] !== null ? (block['input'] as Record<string, unknown>) : {};
          asked.set(`${doc.step}#tool#${block['id']}`, { tool: block['name'], input });
        }
      }
    }
    const calls: JournaledCall[] = [];
    for (const doc of docs) {
      if (!doc._id.includes('#tool#')) continue;
      const answer = read(doc, ToolAnswerSchema);
      const call = asked.get(doc._id);
      if (answer && call) calls.push({ step: doc.step, ...call, answer, at: doc.at });
    }
    return calls;
  }
}
