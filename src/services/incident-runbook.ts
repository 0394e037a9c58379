// What follows an incident's open, update or resolve (design flow 5), the same whoever acted — a person
// with `/ohmymkt incident` or an agent with ohmymkt_incident: the alert in the channel (remembered, so
// what follows replies under it), a resequence proposal under a high incident's alert, updates in the
// alert's thread, the resolution there and in the channel, then a cycle and a growth report when a
// campaign is active (with none, a cycle would only report "no active campaign").
import { campaignStatus } from '../domain/campaign.ts';
import type { Cycle } from '../domain/decisions.ts';
import type { Incident } from '../domain/incidents.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import type { GrowthReport } from '../domain/reports.ts';
import * as cycles from './cycles.ts';
import type { ServiceDeps } from './deps.ts';
import { noteAlert } from './incidents.ts';
import { growthReport } from './reports.ts';

export type IncidentStep = 'opened' | 'updated' | 'resolved';

/** How the runbook speaks in the program's channel; the Slack edge renders each message. */
export interface IncidentVoice {
  /** Posts the alert in the channel; its message reference, when the channel took it. */
  alert(incident: Incident): Promise<string | undefined>;
  /** A note, in the alert's thread (in the channel when the alert was never posted). */
  updated(incident: Incident, threadRef: string | undefined): Promise<void>;
  /** The resolution, in the alert's thread and also shown in the channel. */
  resolved(incident: Incident, threadRef: string | undefined): Promise<void>;
  /** execution-manager's resequence proposal under a high incident's alert. */
  resequence(incident: Incident, threadRef: string): Promise<void>;
  cycle(cycle: Cycle, warnings: string[]): Promise<void>;
  report(report: GrowthReport): Promise<void>;
}

export async function followIncident(deps: ServiceDeps, voice: IncidentVoice, program: ProgramRef, actor: Actor, step: IncidentStep, incident: Incident): Promise<void> {
  if (step === 'opened') {
    const ref = await voice.alert(incident);
    if (ref === undefined) return;
    await noteAlert(deps, program, actor, incident.id, ref);
    if (incident.severity === 'high') await voice.resequence(incident, ref);
    return;
  }
  if (step === 'updated') return voice.updated(incident, incident.alertRef);
  await voice.resolved(incident, incident.alertRef);
  const [{ state }, incidents] = await Promise.all([deps.repos.programs.load(program), deps.repos.incidents.list(program)]);
  if (campaignStatus(state.execution, incidents) !== 'active') return;
  const outcome = await cycles.run(deps, program, actor, 'weekly');
  await voice.cycle(outcome.cycle, outcome.warnings);
  await voice.report(await growthReport(deps, program, 30));
}
