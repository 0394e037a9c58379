// Runs a parsed `/ohmymkt` command after the ack: calls the services and says what happened —
// privately to the person, or in the channel for incident alerts, cycles and reports.
import { campaignStatus } from '../../domain/campaign.ts';
import { stalenessWarning } from '../../domain/decisions.ts';
import { evaluateGates } from '../../domain/gates.ts';
import type { Actor, ProgramRef } from '../../domain/program.ts';
import type { Fail } from '../../domain/result.ts';
import type { PermissionAction } from '../../domain/permissions.ts';
import { authorize } from '../authorize.ts';
import { addApprover, listApprovers, removeApprover, setFourEyes, type ActorRole } from '../../services/approvers.ts';
import { listAssets } from '../../services/assets.ts';
import * as cycles from '../../services/cycles.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { checkGates, setGate } from '../../services/gates.ts';
import * as incidents from '../../services/incidents.ts';
import { listPlans } from '../../services/plans.ts';
import { growthReport } from '../../services/reports.ts';
import { approversMessage } from '../blocks/approvers.ts';
import { assetsMessage } from '../blocks/assets.ts';
import { cycleMessage } from '../blocks/cycle.ts';
import { gatesMessage } from '../blocks/gates.ts';
import { usageError } from '../blocks/help.ts';
import { incidentList } from '../blocks/incidents.ts';
import type { Incident } from '../../domain/incidents.ts';
import { followIncident, type IncidentStep } from '../../services/incident-runbook.ts';
import { incidentVoice } from '../incident-voice.ts';
import { plansMessage } from '../blocks/plans.ts';
import { reportMessage } from '../blocks/report.ts';
import { statusMessage } from '../blocks/status.ts';
import { auditLine, forbiddenMessage } from '../blocks/audit.ts';
import { section, message as buildMessage, type Message } from '../blocks/kit.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';
import type { AgentRunner } from '../../runs/ports.ts';
import type { Command } from './parse.ts';
import { changeApproverGroup, showRuns } from './runs.ts';
import { executeProgramCommand } from './program-commands.ts';

/** How a command's answers reach Slack: privately to the person, or visibly in the channel. */
export interface Replies {
  private(message: Message): Promise<void>;
  /** Posts in the channel; the message's ts, so a thread can hang off it. */
  channel(message: Message): Promise<string | undefined>;
  /** `broadcast`: the reply is also shown in the channel (an incident's resolution). */
  inThread(threadTs: string, message: Message, options?: { broadcast?: boolean }): Promise<void>;
}

export interface CommandContext {
  services: ServiceDeps;
  agents: AgentRunner;
  program: ProgramRef;
  actor: Actor;
  replies: Replies;
  /** Whether the person is a workspace admin: asked of Slack only when a command needs to know. */
  role(): Promise<ActorRole>;
  /** A link to a thread of this channel (`/ohmymkt runs`); undefined when Slack gave none. */
  threadLink?: (threadTs: string) => Promise<string | undefined>;
}

/** A business "no" becomes a private answer naming the problem, with how `command` (the word typed) is written. */
export function refusal(failure: Fail, command?: string): Message {
  return failure.code === 'forbidden' ? forbiddenMessage(failure.message) : usageError(failure.message, failure.reasons, command);
}

/** Commands that change what the whole channel works from: approvers and admins only (rules §14). */
const GUARDED: Partial<Record<Command['kind'], PermissionAction>> = {
  'gates.set': 'gates.set',
  'incident.resolve': 'incident.resolve',
  'cycle.run': 'cycle.run',
};

/** "gate.field=value" (or "kpi=value") as the audit line says it: "gate.field → value", escaped. */
export function assignmentText(assignment: string): string {
  const at = assignment.indexOf('=');
  const said = at < 0 ? assignment : `${assignment.slice(0, at)} → ${assignment.slice(at + 1)}`;
  return mrkdwnEscape(said);
}

function policyMessage(fourEyes: boolean): Message {
  const state = fourEyes ? 'on' : 'off';
  return buildMessage(`Four-eyes is ${state} in this channel`, [
    section(
      fourEyes
        ? '*Four-eyes is on.* A plan that commits budget, a paid channel, a launch date or a revenue target needs the approval of someone other than its requester whenever the channel has another approver.'
        : '*Four-eyes is off.* The requester may approve their own high-impact plan.',
    ),
    section('Approvers and admins change it with `/ohmymkt policy four-eyes on|off`.'),
  ]);
}

async function showStatus({ services, program, replies }: CommandContext): Promise<void> {
  const now = services.clock.now();
  const [{ state }, all, plans, lastWeekly] = await Promise.all([
    services.repos.programs.load(program),
    incidents.list(services, program),
    listPlans(services, program),
    services.repos.cycles.latest(program),
  ]);
  const stale = stalenessWarning({ campaignStartedAt: state.execution?.startedAt, lastWeeklyCycleAt: lastWeekly?.at, now });
  await replies.private(
    statusMessage(
      {
        campaign: campaignStatus(state.execution, all),
        ...(state.execution ? { execution: state.execution } : {}),
        gates: evaluateGates(state.gates),
        openIncidents: all.filter((incident) => incident.status === 'open'),
        plans,
        ...(lastWeekly ? { lastCycle: lastWeekly.entry } : {}),
        warnings: stale ? [stale] : [],
      },
      now,
    ),
  );
}

/** What follows an incident's change is the runbook's, shared with agents (services/incident-runbook.ts). */
function follow(context: CommandContext, step: IncidentStep, incident: Incident): Promise<void> {
  return followIncident(context.services, incidentVoice(context), context.program, context.actor, step, incident);
}

export async function executeCommand(command: Exclude<Command, { kind: 'help' | 'ulw' | 'provider' }>, context: CommandContext): Promise<void> {
  const { services, program, actor, replies } = context;
  const now = () => services.clock.now();
  const guard = GUARDED[command.kind];
  if (guard !== undefined) {
    const refused = await authorize({ services, program, userId: actor.userId, role: context.role }, guard);
    if (refused) return replies.private(refusal(refused, command.kind));
  }
  switch (command.kind) {
    case 'status':
      return showStatus(context);
    case 'gates':
      return replies.private(gatesMessage(await checkGates(services, program)));
    case 'gates.set': {
      const result = await setGate(services, program, actor, command.assignment);
      if (!result.ok) return replies.private(refusal(result, command.kind));
      await replies.channel(auditLine(actor.userId, `set ${assignmentText(command.assignment)}`));
      return replies.private(gatesMessage(result.value));
    }
    case 'metrics':
    case 'metrics.set':
    case 'metrics.target':
    case 'playbook':
    case 'playbook.set':
    case 'board':
      return executeProgramCommand(command, context);
    case 'incident.open': {
      const result = await incidents.open(services, program, actor, command);
      if (!result.ok) return replies.private(refusal(result, command.kind));
      return follow(context, 'opened', result.value);
    }
    case 'incident.update': {
      const result = await incidents.update(services, program, actor, command.id, command.note);
      if (!result.ok) return replies.private(refusal(result, command.kind));
      return follow(context, 'updated', result.value);
    }
    case 'incident.resolve': {
      const result = await incidents.resolve(services, program, actor, command.id, command.note);
      if (!result.ok) return replies.private(refusal(result, command.kind));
      return follow(context, 'resolved', result.value);
    }
    case 'incident.list':
      return replies.private(incidentList(await incidents.list(services, program), now()));
    case 'plans':
      return replies.private(plansMessage(await listPlans(services, program)));
    case 'assets':
      return replies.private(assetsMessage(await listAssets(services, program)));
    case 'cycle': {
      // Looking records nothing: the decision counts in reports stay the ones a person chose to record.
      const outcome = await cycles.preview(services, program, command.cadence);
      return replies.private(cycleMessage(outcome.cycle, outcome.warnings, { preview: true }));
    }
    case 'cycle.run': {
      const outcome = await cycles.run(services, program, actor, command.cadence);
      await replies.channel(cycleMessage(outcome.cycle, outcome.warnings));
      return;
    }
    case 'report': {
      const report = reportMessage(await growthReport(services, program, command.days));
      if (command.post) await replies.channel(report);
      else await replies.private(report);
      return;
    }
    case 'runs':
      return showRuns(context);
    case 'approvers.group':
      return changeApproverGroup(context, command.group);
    case 'approvers':
      return replies.private(approversMessage(await listApprovers(services, program)));
    case 'approvers.add':
    case 'approvers.remove': {
      const adding = command.kind === 'approvers.add';
      const result = await (adding ? addApprover : removeApprover)(services, program, actor, await context.role(), command.userId);
      if (!result.ok) return replies.private(refusal(result, command.kind));
      await replies.channel(auditLine(actor.userId, adding ? `added <@${command.userId}> as an approver` : `removed <@${command.userId}> from the approvers`));
      return replies.private(approversMessage(result.value));
    }
    case 'policy':
      return replies.private(policyMessage((await services.repos.programs.load(program)).state.fourEyes));
    case 'policy.four_eyes': {
      const result = await setFourEyes(services, program, actor, await context.role(), command.on);
      if (!result.ok) return replies.private(refusal(result, command.kind));
      await replies.channel(auditLine(actor.userId, `turned four-eyes ${command.on ? 'on' : 'off'} for high-impact plans`));
      return replies.private(policyMessage(result.value));
    }
  }
}
