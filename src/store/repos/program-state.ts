// The program's current state — gates, metrics, execution, approvers — as ONE versioned document,
// changed only by compare-and-set so parallel agents and replicas never lose each other's updates.
import { z } from 'zod';
import { ExecutionSchema } from '../../domain/campaign.ts';
import { GateStateSchema, initialGateState } from '../../domain/gates.ts';
import { KpiTargetsSchema } from '../../domain/kpis.ts';
import { initialMetricState, MetricStateSchema } from '../../domain/metrics.ts';
import type { ProgramRef } from '../../domain/program.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId, type Scoped } from './stored.ts';

export const ProgramStateSchema = z.object({
  gates: GateStateSchema,
  metrics: MetricStateSchema,
  execution: ExecutionSchema.optional(),
  approvers: z.array(z.string().min(1)),
  /** Four-eyes on high-impact plans (`/ohmymkt policy four-eyes on|off`); on unless a channel turns it off. */
  fourEyes: z.boolean().default(true),
  /**
   * A Slack user group (`/ohmymkt approvers group @group`) that plan and asset cards and reminders mention
   * instead of each approver. It tells people; who may click stays the approver list and the requester.
   */
  // Null once turned off: a save sets fields and never removes one, so "none" is a value.
  approverGroup: z.object({ id: z.string().regex(/^S[A-Z0-9]+$/), handle: z.string().max(100) }).nullish(),
  /** The playbook the channel runs (`/ohmymkt playbook set`); absent means seo-aeo, what every program ran before. */
  playbook: z.string().min(1).optional(),
  /** KPI targets by KPI name (`/ohmymkt metrics target`, or an approved plan's). */
  kpiTargets: KpiTargetsSchema.optional(),
});
export type ProgramState = z.infer<typeof ProgramStateSchema>;

const StoredSchema = ProgramStateSchema.extend({
  _id: z.string(),
  teamId: z.string(),
  channelId: z.string(),
  version: z.number().int().min(0),
  updatedAt: z.date().optional(),
  campaignActive: z.boolean(),
});
type StoredProgramState = Scoped & ProgramState & { version: number; updatedAt?: Date; campaignActive: boolean };

export interface VersionedState {
  state: ProgramState;
  /** 0 when nothing is stored yet. */
  version: number;
}

export function initialProgramState(): ProgramState {
  return { gates: initialGateState(), metrics: initialMetricState(), approvers: [], fourEyes: true };
}

export class ProgramStates {
  private constructor(private readonly docs: Collection<StoredProgramState>) {}

  static async open(store: DocumentStore): Promise<ProgramStates> {
    return new ProgramStates(await store.collection<StoredProgramState>('program_states', [{ field: 'campaignActive' }, { field: 'teamId' }]));
  }

  async load(program: ProgramRef): Promise<VersionedState> {
    const doc = await this.docs.findOne({ _id: scopedId(program) });
    if (doc === null) return { state: initialProgramState(), version: 0 };
    const stored = readStored('program_states', StoredSchema, doc);
    const { _id, teamId, channelId, version, updatedAt, campaignActive, ...state } = stored;
    return { state, version };
  }

  /** Writes `next` when the stored version is still `expected`; false means another writer won. */
  async save(program: ProgramRef, expected: number, next: ProgramState, now: Date): Promise<boolean> {
    const fields = { ...next, campaignActive: next.execution !== undefined, version: expected + 1, updatedAt: now };
    if (expected === 0) {
      return (await this.docs.insertOne({ _id: scopedId(program), ...scope(program), ...fields })) === 'inserted';
    }
    const result = await this.docs.updateOne({ _id: scopedId(program), version: expected }, fields);
    return result.matched;
  }

  /** Every program of a workspace that has stored state, by channel id (App Home). */
  async ofTeam(teamId: string): Promise<Array<{ program: ProgramRef; state: ProgramState }>> {
    const docs = await this.docs.find({ teamId }, { sort: { _id: 1 } });
    return docs.map((doc) => {
      const { _id, teamId: team, channelId, version, updatedAt, campaignActive, ...state } = readStored('program_states', StoredSchema, doc);
      return { program: { teamId: team, channelId }, state };
    });
  }

  /** Programs with a campaign started, for the scheduled cycles. */
  async withCampaign(): Promise<ProgramRef[]> {
    const docs = await this.docs.find({ campaignActive: true }, { sort: { _id: 1 } });
    return docs.map((doc) => ({ teamId: doc.teamId, channelId: doc.channelId }));
  }
}
