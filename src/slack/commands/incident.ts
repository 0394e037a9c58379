// `/ohmymkt incident open|update|resolve|list`: what happens after an incident's change is the
// runbook's (services/incident-runbook.ts), shared with agents; resolving is for approvers and admins.
import { parseIncidentId, parseSeverity, MAX_MODULE_LENGTH, type Incident, type Severity } from '../../domain/incidents.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import * as incidents from '../../services/incidents.ts';
import { followIncident, type IncidentStep } from '../../services/incident-runbook.ts';
import { incidentList } from '../blocks/incidents.ts';
import { incidentVoice } from '../incident-voice.ts';
import { defineCommand, noArguments, refuse, rest, type CommandContext } from './spec.ts';

type IncidentCommand =
  | { kind: 'incident.open'; severity: Severity; module?: string; summary: string }
  | { kind: 'incident.update'; id: string; note: string }
  | { kind: 'incident.resolve'; id: string; note?: string }
  | { kind: 'incident.list' };

function parseIncident(text: string, args: string[]): Result<IncidentCommand> {
  const [action, ...more] = args;
  switch (action?.toLowerCase()) {
    case 'open': {
      const [severityText] = more;
      if (severityText === undefined) return fail('usage', 'an incident needs a severity: high, medium or low (or P0, P1, P2)');
      const severity = parseSeverity(severityText);
      if (!severity.ok) return severity;
      let summary = rest(text, 3);
      let module: string | undefined;
      const moduleMatch = /^module:(\S+)\s*/i.exec(summary);
      if (moduleMatch) {
        module = moduleMatch[1];
        summary = summary.slice(moduleMatch[0].length).trim();
        if (module !== undefined && module.length > MAX_MODULE_LENGTH) {
          return fail('usage', `the module name is too long (at most ${MAX_MODULE_LENGTH} characters)`);
        }
      }
      if (summary === '') return fail('usage', 'an incident needs a summary after the severity');
      return ok({ kind: 'incident.open', severity: severity.value, ...(module ? { module } : {}), summary });
    }
    case 'update': {
      const id = more[0] === undefined ? fail('usage', 'say which incident: `incident update INC-1 <note>`') : parseIncidentId(more[0]);
      if (!id.ok) return id;
      const note = rest(text, 3);
      if (note === '') return fail('usage', `say what changed: \`incident update ${id.value} <note>\``);
      return ok({ kind: 'incident.update', id: id.value, note });
    }
    case 'resolve': {
      const id = more[0] === undefined ? fail('usage', 'say which incident: `incident resolve INC-1 [note]`') : parseIncidentId(more[0]);
      if (!id.ok) return id;
      const note = rest(text, 3);
      return ok({ kind: 'incident.resolve', id: id.value, ...(note ? { note } : {}) });
    }
    case 'list':
      return noArguments('incident.list', more, 'incident list');
    default:
      return fail('usage', action ? `"incident ${action}" is not an incident action; use open, update, resolve or list` : 'say what to do: `incident open|update|resolve|list`');
  }
}

function follow(context: CommandContext, step: IncidentStep, incident: Incident): Promise<void> {
  return followIncident(context.services, incidentVoice(context), context.program, context.actor, step, incident);
}

export const incident = defineCommand<IncidentCommand>({
  words: ['incident'],
  usage: [
    'incident open <high|medium|low|P0|P1|P2> [module:<name>] <summary>',
    'incident update <id> <note> | incident resolve <id> [note] | incident list',
    '                                               (ids are short and typable: INC-1, INC-2, … per program)',
  ],
  parse: parseIncident,
  guards: { 'incident.resolve': 'incident.resolve' },
  async execute(command, context) {
    const { services, program, actor, replies } = context;
    switch (command.kind) {
      case 'incident.open': {
        const result = await incidents.open(services, program, actor, command);
        return result.ok ? follow(context, 'opened', result.value) : refuse(result, command.kind);
      }
      case 'incident.update': {
        const result = await incidents.update(services, program, actor, command.id, command.note);
        return result.ok ? follow(context, 'updated', result.value) : refuse(result, command.kind);
      }
      case 'incident.resolve': {
        const result = await incidents.resolve(services, program, actor, command.id, command.note);
        return result.ok ? follow(context, 'resolved', result.value) : refuse(result, command.kind);
      }
      case 'incident.list':
        return replies.private(incidentList(await incidents.list(services, program), services.clock.now()));
    }
  },
});
