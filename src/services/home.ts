// What one person's App Home shows: their programs (each with its playbook, gates, campaign, KPIs, open
// incidents and this week's cost), what waits for them, and their recent runs with state and cost.
// "Their" programs: the channels where they asked for a run or are an approver; an admin sees every
// program of the workspace.
import { runUsage } from '../agents/usage.ts';
import { campaignStatus, type CampaignStatus } from '../domain/campaign.ts';
import type { Severity } from '../domain/incidents.ts';
import type { Trend } from '../domain/metrics.ts';
import { programKey, type ProgramRef } from '../domain/program.ts';
import type { Run } from '../domain/runs.ts';
import { runId } from '../runs/phases.ts';
import type { ProgramState } from '../store/repos/program-state.ts';
import type { ServiceDeps } from './deps.ts';
import { checkGates } from './gates.ts';
import * as incidents from './incidents.ts';
import { mayAnswer, pendingItems, pendingOfRun, waitingOn, type PendingItem } from './pending.ts';

/** Runs read to find a person's channels; older ones than these rarely make a channel "theirs". */
const RUNS_SCANNED = 200;
export const HOME_RECENT_RUNS = 8;

export interface HomeKpi {
  name: string;
  trend: Trend;
  value?: number;
  target?: number;
}

export interface HomeProgram {
  program: ProgramRef;
  /** Shown when the channel's state names one. */
  playbook?: string;
  gatesPassing: number;
  gatesTotal: number;
  campaign: CampaignStatus;
  kpis: HomeKpi[];
  openIncidents: Record<Severity, number>;
  weekCostUsd: number;
  /** Items of this program waiting for the person. */
  waiting: number;
}

export interface HomeRun {
  run: Run;
  costUsd: number;
  unpricedCalls: number;
  /** Whom the run waits on now; empty when it waits on nobody. */
  waitingOn: string[];
}

export interface HomeData {
  userId: string;
  isAdmin: boolean;
  programs: HomeProgram[];
  waiting: PendingItem[];
  runs: HomeRun[];
}

// A playbook field arrives with the playbooks; until then a channel has none to show.
function playbookOf(state: ProgramState): string | undefined {
  const value = (state as { playbook?: unknown }).playbook;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string') return (value as { name: string }).name;
  return undefined;
}

function kpisOf(state: ProgramState): HomeKpi[] {
  return Object.values(state.metrics).flatMap((track) =>
    Object.entries(track as Record<string, { trend: Trend; value?: number; target?: number }>).map(([name, reading]) => ({
      name,
      trend: reading.trend,
      ...(reading.value !== undefined ? { value: reading.value } : {}),
      ...(reading.target !== undefined ? { target: reading.target } : {}),
    })),
  );
}

async function summarise(deps: ServiceDeps, program: ProgramRef, state: ProgramState, waiting: number, weekStart: Date): Promise<HomeProgram> {
  const [gates, all, weekCostUsd] = await Promise.all([checkGates(deps, program), incidents.list(deps, program), deps.repos.agentCalls.costSince(program, weekStart)]);
  const open = all.filter((incident) => incident.status === 'open');
  const count = (severity: Severity) => open.filter((incident) => incident.severity === severity).length;
  const playbook = playbookOf(state);
  return {
    program,
    ...(playbook ? { playbook } : {}),
    gatesPassing: gates.filter((gate) => gate.pass).length,
    gatesTotal: gates.length,
    campaign: campaignStatus(state.execution, open),
    kpis: kpisOf(state),
    openIncidents: { high: count('high'), medium: count('medium'), low: count('low') },
    weekCostUsd,
    waiting,
  };
}

/** Programs that need a look come first: something waiting, an open incident, a running campaign. */
function attention(p: HomeProgram): number {
  const incidentsOpen = p.openIncidents.high * 100 + p.openIncidents.medium * 10 + p.openIncidents.low;
  return p.waiting * 10_000 + incidentsOpen * 10 + (p.campaign === 'none' ? 0 : 1);
}

export async function homeData(deps: ServiceDeps, input: { teamId: string; userId: string; isAdmin: boolean; weekStart: Date }): Promise<HomeData> {
  const { teamId, userId, isAdmin } = input;
  const [teamPrograms, ownRuns, pending] = await Promise.all([
    deps.repos.programs.ofTeam(teamId),
    deps.repos.runs.ofRequester(teamId, userId, RUNS_SCANNED),
    pendingItems(deps, { teamId }),
  ]);
  const waiting = pending.filter((item) => mayAnswer(item, userId));
  const chosen = new Map<string, { program: ProgramRef; state: ProgramState | undefined }>();
  for (const { program, state } of teamPrograms) {
    if (isAdmin || state.approvers.includes(userId)) chosen.set(programKey(program), { program, state });
  }
  for (const run of ownRuns) {
    const program = { teamId: run.teamId, channelId: run.channelId };
    const key = programKey(program);
    if (!chosen.has(key)) chosen.set(key, { program, state: teamPrograms.find((p) => programKey(p.program) === key)?.state });
  }
  const programs = await Promise.all(
    [...chosen.values()].map(async ({ program, state }) => {
      const current = state ?? (await deps.repos.programs.load(program)).state;
      const count = waiting.filter((item) => programKey(item.program) === programKey(program)).length;
      return summarise(deps, program, current, count, input.weekStart);
    }),
  );
  programs.sort((a, b) => attention(b) - attention(a) || a.program.channelId.localeCompare(b.program.channelId));
  const runs = await Promise.all(ownRuns.slice(0, HOME_RECENT_RUNS).map((run) => runLine(deps, run)));
  return { userId, isAdmin, programs, waiting, runs };
}

/** A run as a list line: its cost so far and whom it waits on. */
export async function runLine(deps: ServiceDeps, run: Run): Promise<HomeRun> {
  const program = { teamId: run.teamId, channelId: run.channelId };
  const [usage, pending] = await Promise.all([runUsage(deps.repos, program, runId(run)), pendingOfRun(deps, run)]);
  return { run, costUsd: usage.costUsd, unpricedCalls: usage.unpricedCalls, waitingOn: pending ? waitingOn(pending.need) : [] };
}

/** The channel's newest runs for `/ohmymkt runs`. */
export async function channelRuns(deps: ServiceDeps, program: ProgramRef, limit: number): Promise<HomeRun[]> {
  return Promise.all((await deps.repos.runs.recent(program, limit)).map((run) => runLine(deps, run)));
}
