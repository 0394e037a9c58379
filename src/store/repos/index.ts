// Every program-scoped repository, opened once on one store.
import { z } from 'zod';
import { AssetSchema } from '../../domain/assets.ts';
import { CycleSchema } from '../../domain/decisions.ts';
import { KpiValueSchema, type KpiValue } from '../../domain/kpis.ts';
import { PositioningBoardSchema } from '../../domain/positioning.ts';
import { ActorSchema } from '../../domain/program.ts';
import { CompetitorProfileSchema, ResearchBriefSchema } from '../../domain/research.ts';
import type { DocumentStore } from '../port.ts';
import { AgentCalls } from './agent-calls.ts';
import { AssetMedia } from './asset-media.ts';
import { Counters } from './counters.ts';
import { DeliveryReceipts } from './deliveries.ts';
import { History } from './history.ts';
import { HomeViews } from './home-views.ts';
import { Incidents } from './incidents.ts';
import { Installations } from './installations.ts';
import { Plans } from './plans.ts';
import { ProgramStates } from './program-state.ts';
import { ProviderConfigs } from './provider-configs.ts';
import { Records } from './records.ts';
import { Runs } from './runs.ts';
import { RunLeases } from './run-leases.ts';
import { SprintBoards } from './sprint-board.ts';
import { ThreadMessages } from './thread-messages.ts';
import { StepJournal } from './step-journal.ts';

export const AuditEntrySchema = z.object({
  actor: ActorSchema,
  action: z.string().min(1),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The conversation of a run, turn by turn: what each agent said and called, and what its tools answered. */
export const TranscriptEntrySchema = z.object({
  runId: z.string().min(1),
  agent: z.string().min(1),
  depth: z.number().int().min(0),
  step: z.number().int().min(1),
  role: z.enum(['assistant', 'tool_results']),
  content: z.array(z.record(z.string(), z.unknown())),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

export interface Repositories {
  deliveries: DeliveryReceipts;
  counters: Counters;
  programs: ProgramStates;
  incidents: Incidents;
  plans: Plans;
  sprint: SprintBoards;
  runs: Runs;
  runLeases: RunLeases;
  /** What each run posted in its thread, so whichever replica works the run never posts it twice. */
  threadMessages: ThreadMessages;
  cycles: History<z.infer<typeof CycleSchema>>;
  /** KPI values, one document each (append-only: no array grows, and no $push is needed). */
  kpiValues: History<KpiValue>;
  audit: History<AuditEntry>;
  transcript: History<TranscriptEntry>;
  researchBriefs: Records<z.infer<typeof ResearchBriefSchema>>;
  competitors: Records<z.infer<typeof CompetitorProfileSchema>>;
  positioning: Records<z.infer<typeof PositioningBoardSchema>>;
  assets: Records<z.infer<typeof AssetSchema>>;
  /** Generated media bytes per asset, so a post carries the file that was approved. */
  assetMedia: AssetMedia;
  agentCalls: AgentCalls;
  providerConfigs: ProviderConfigs;
  stepJournal: StepJournal;
  /** Slack installations per workspace or organization (OAuth mode only; empty with one SLACK_BOT_TOKEN). */
  installations: Installations;
  /** Who has opened the App Home, so a decision refreshes theirs. */
  homeViews: HomeViews;
}

export async function openRepositories(store: DocumentStore): Promise<Repositories> {
  return {
    deliveries: await DeliveryReceipts.open(store),
    counters: await Counters.open(store),
    programs: await ProgramStates.open(store),
    incidents: await Incidents.open(store),
    plans: await Plans.open(store),
    sprint: await SprintBoards.open(store),
    runs: await Runs.open(store),
    runLeases: await RunLeases.open(store),
    threadMessages: await ThreadMessages.open(store),
    cycles: await History.open(store, 'cycles', CycleSchema),
    kpiValues: await History.open(store, 'kpi_values', KpiValueSchema),
    audit: await History.open(store, 'audit_log', AuditEntrySchema),
    transcript: await History.open(store, 'run_transcript', TranscriptEntrySchema),
    researchBriefs: await Records.open(store, 'research_briefs', ResearchBriefSchema),
    competitors: await Records.open(store, 'competitor_profiles', CompetitorProfileSchema),
    positioning: await Records.open(store, 'positioning', PositioningBoardSchema),
    assets: await Records.open(store, 'assets', AssetSchema),
    assetMedia: await AssetMedia.open(store),
    agentCalls: await AgentCalls.open(store),
    providerConfigs: await ProviderConfigs.open(store),
    stepJournal: await StepJournal.open(store),
    installations: await Installations.open(store),
    homeViews: await HomeViews.open(store),
  };
}
