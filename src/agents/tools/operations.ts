// Tools that run the campaign: start it (review gate and pause enforced by the campaign service),
// run (record) or read a review cycle, and open, note or resolve incidents.
import { z } from 'zod';
import { CadenceSchema, type Cadence } from '../../domain/decisions.ts';
import { parseSeverity } from '../../domain/incidents.ts';
import { ok } from '../../domain/result.ts';
import { startCampaign } from '../../services/campaign.ts';
import * as cycles from '../../services/cycles.ts';
import * as incidents from '../../services/incidents.ts';
import { caseless, defineTool, requireForAction } from './types.ts';

export const startCampaignTool = defineTool({
  name: 'ohmymkt_start_campaign',
  description:
    'Start the campaign of an approved plan: refused while a high incident is open, when any startup gate fails, ' +
    'or without an approved, current plan version (a person approves it in Slack; a reviewer verdict is not an approval). ' +
    'On success both tracks become active and the sprint board is seeded.',
  input: z.strictObject({ plan_id: z.string().optional().describe('PLAN-n; default: the most recently approved plan') }),
  async run(input, { services, program, actor, report }) {
    const started = await startCampaign(services, program, actor, input.plan_id);
    // The outcome is the thread's to say, not only the model's: people act on a refusal's reasons.
    report?.(
      started.ok
        ? { type: 'campaign', started: true, planId: started.value.planId, version: started.value.planVersion, reasons: [] }
        : { type: 'campaign', started: false, reasons: [started.message, ...(started.reasons ?? [])] },
    );
    return started;
  },
});

export const runCycle = defineTool({
  name: 'ohmymkt_run_cycle',
  description:
    'Run and store a weekly, monthly or quarterly review cycle: decision continue / intervene / rollback with the reason, ' +
    'the actions, and warnings (e.g. all sprint work on one track).',
  input: z.strictObject({ cadence: caseless(CadenceSchema.options as [Cadence, ...Cadence[]]) }),
  async run(input, { services, program, actor }) {
    const outcome = await cycles.run(services, program, actor, input.cadence);
    const { gates: _gates, metrics: _metrics, ...cycle } = outcome.cycle;
    return ok({ ...cycle, warnings: outcome.warnings });
  },
});

export const readCycle = defineTool({
  name: 'ohmymkt_read_cycle',
  description:
    'Read what a weekly, monthly or quarterly cycle would decide now (continue / intervene / rollback, the reason, the actions, ' +
    'warnings) from the stored metrics, gates and incidents. Records nothing: recording a cycle is ohmymkt_run_cycle.',
  input: z.strictObject({ cadence: caseless(CadenceSchema.options as [Cadence, ...Cadence[]]) }),
  async run(input, { services, program }) {
    const outcome = await cycles.preview(services, program, input.cadence);
    const { gates: _gates, metrics: _metrics, ...cycle } = outcome.cycle;
    return ok({ ...cycle, recorded: false, warnings: outcome.warnings });
  },
});

const SEVERITY_WORDS = ['high', 'medium', 'low', 'p0', 'p1', 'p2'] as const;

export const incidentTool = defineTool({
  name: 'ohmymkt_incident',
  description:
    'Open, update or resolve an incident of this channel. open: severity high (P0, pauses publishing, spending and ' +
    'launching), medium (P1) or low (P2), a summary, optional module. update: add a note to INC-n. resolve: close INC-n ' +
    'with an optional note. Returns the incident. The channel follows the incident runbook as for a person: the alert is ' +
    'posted (a high one gets a resequence proposal in its thread), updates and the resolution reply in that thread, and ' +
    'resolving runs a cycle and a growth report when a campaign is active.',
  input: z
    .strictObject({
      action: z.enum(['open', 'update', 'resolve']),
      severity: caseless(SEVERITY_WORDS).optional(),
      summary: z.string().max(500).optional(),
      module: z.string().max(80).optional(),
      id: z.string().optional().describe('INC-n, for update and resolve'),
      note: z.string().max(2000).optional(),
    })
    .superRefine(requireForAction({ open: ['severity', 'summary'], update: ['id', 'note'], resolve: ['id'] })),
  async run(input, { services, program, actor, runId, callId }) {
    if (input.action === 'open') {
      const severity = parseSeverity(input.severity ?? '');
      if (!severity.ok) return severity;
      const opened = await incidents.open(services, program, actor, {
        severity: severity.value,
        summary: input.summary ?? '',
        ...(input.module ? { module: input.module } : {}),
        ...(callId ? { effectKey: `${runId}:${callId}` } : {}),
      });
      // The same runbook as `/ohmymkt incident open`: alert, resequence under a high one's alert.
      if (opened.ok && opened.value.alertRef === undefined) services.incidentFollowUp?.(program, actor, 'opened', opened.value);
      return opened;
    }
    const changed =
      input.action === 'update'
        ? await incidents.update(services, program, actor, input.id ?? '', input.note ?? '')
        : await incidents.resolve(services, program, actor, input.id ?? '', input.note);
    if (changed.ok) services.incidentFollowUp?.(program, actor, input.action === 'update' ? 'updated' : 'resolved', changed.value);
    return changed;
  },
});
