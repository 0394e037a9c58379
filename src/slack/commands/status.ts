// `/ohmymkt status`: the campaign, gates, open incidents, plans and last cycle, privately.
import { campaignStatus } from '../../domain/campaign.ts';
import { stalenessWarning } from '../../domain/decisions.ts';
import { evaluateGates } from '../../domain/gates.ts';
import * as incidents from '../../services/incidents.ts';
import { listPlans } from '../../services/plans.ts';
import { statusMessage } from '../blocks/status.ts';
import { defineCommand, noArguments, type CommandContext } from './spec.ts';

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

export const status = defineCommand<{ kind: 'status' }>({
  words: ['status'],
  // Its grammar shares help's line: `help | status`.
  usage: [],
  parse: (_text, args) => noArguments('status', args, 'status'),
  execute: (_command, context) => showStatus(context),
});
