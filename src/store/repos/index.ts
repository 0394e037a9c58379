// Every program-scoped repository, opened once on one store.
import { z } from 'zod';
import { ActorSchema } from '../../domain/program.ts';
import { CycleSchema } from '../../domain/decisions.ts';
import type { DocumentStore } from '../port.ts';
import { Counters } from './counters.ts';
import { DeliveryReceipts } from './deliveries.ts';
import { History } from './history.ts';
import { Incidents } from './incidents.ts';
import { Plans } from './plans.ts';
import { ProgramStates } from './program-state.ts';
import { SprintBoards } from './sprint-board.ts';

export const AuditEntrySchema = z.object({
  actor: ActorSchema,
  action: z.string().min(1),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export interface Repositories {
  deliveries: DeliveryReceipts;
  counters: Counters;
  programs: ProgramStates;
  incidents: Incidents;
  plans: Plans;
  sprint: SprintBoards;
  cycles: History<z.infer<typeof CycleSchema>>;
  audit: History<AuditEntry>;
}

export async function openRepositories(store: DocumentStore): Promise<Repositories> {
  return {
    deliveries: await DeliveryReceipts.open(store),
    counters: await Counters.open(store),
    programs: await ProgramStates.open(store),
    incidents: await Incidents.open(store),
    plans: await Plans.open(store),
    sprint: await SprintBoards.open(store),
    cycles: await History.open(store, 'cycles', CycleSchema),
    audit: await History.open(store, 'audit_log', AuditEntrySchema),
  };
}
