// `/ohmymkt metrics` reads the channel's KPIs privately; `metrics set|target` (approvers and admins
// only) records one, leaves a public audit line and answers with the new state. Which KPI a name means
// depends on the channel's playbook, so the assignment is kept as typed and the service checks it.
import { fail, ok, type Result } from '../../domain/result.ts';
import { readMetrics, setMetric, setTarget } from '../../services/metrics.ts';
import { auditLine } from '../blocks/audit.ts';
import { kpisMessage } from '../blocks/kpis.ts';
import { assignmentText, defineCommand, refuse } from './spec.ts';

type MetricsCommand = { kind: 'metrics' } | { kind: 'metrics.set'; assignment: string } | { kind: 'metrics.target'; assignment: string };

function parseMetrics(_text: string, args: string[]): Result<MetricsCommand> {
  const [action, assignment, ...extra] = args;
  if (action === undefined) return ok({ kind: 'metrics' });
  const verb = action.toLowerCase();
  if (verb !== 'set' && verb !== 'target') {
    return fail('usage', `"metrics ${action}" is not a metrics action; use \`metrics\`, \`metrics set <kpi>=<number>\` or \`metrics target <kpi>=<number>\``);
  }
  if (assignment === undefined) return fail('usage', `say what to ${verb === 'set' ? 'record' : 'aim for'}: \`metrics ${verb} <kpi>=<number>\`, e.g. \`metrics ${verb} mqls=120\``);
  if (extra.length > 0) return fail('usage', `one assignment at a time, with no spaces: \`metrics ${verb} <kpi>=<number>\``);
  return ok({ kind: verb === 'set' ? 'metrics.set' : 'metrics.target', assignment });
}

export const metrics = defineCommand<MetricsCommand>({
  words: ['metrics'],
  usage: [
    'metrics | metrics set <kpi>=<number> | metrics target <kpi>=<number>',
    '                                               (seo-aeo also: metrics set <track>.<metric>=<up|flat|down>)',
  ],
  parse: parseMetrics,
  guards: { 'metrics.set': 'metrics.set', 'metrics.target': 'metrics.set' },
  async execute(command, { services, program, actor, replies }) {
    if (command.kind === 'metrics') return replies.private(kpisMessage(await readMetrics(services, program)));
    const setting = command.kind === 'metrics.set';
    const result = await (setting ? setMetric : setTarget)(services, program, actor, command.assignment);
    if (!result.ok) return refuse(result, command.kind);
    await replies.channel(auditLine(actor.userId, `${setting ? 'set' : 'set the target'} ${assignmentText(command.assignment)}`));
    return replies.private(kpisMessage(result.value));
  },
});
