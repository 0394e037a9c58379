// `/ohmymkt playbook`, `board` and `metrics` text → typed commands. Which KPI or gate a name means
// depends on the channel's playbook, so these keep the assignment as typed and the service checks it.
import { fail, ok, type Result } from '../../domain/result.ts';

export type ProgramCommand =
  | { kind: 'playbook' }
  | { kind: 'playbook.set'; name: string }
  | { kind: 'board' }
  | { kind: 'metrics' }
  | { kind: 'metrics.set'; assignment: string }
  | { kind: 'metrics.target'; assignment: string };

export function parsePlaybookCommand(args: string[]): Result<ProgramCommand> {
  const [action, name, ...extra] = args;
  if (action === undefined) return ok({ kind: 'playbook' });
  if (action.toLowerCase() !== 'set') return fail('usage', `"playbook ${action}" is not a playbook action; use \`playbook\` or \`playbook set <name>\``);
  if (name === undefined) return fail('usage', 'say which playbook: `playbook set <name>` (see `playbook` for the list)');
  if (extra.length > 0) return fail('usage', `one playbook name, no spaces: \`playbook set ${name}\``);
  return ok({ kind: 'playbook.set', name });
}

export function parseBoardCommand(args: string[]): Result<ProgramCommand> {
  return args.length === 0 ? ok({ kind: 'board' }) : fail('usage', `\`board\` takes nothing after it (got "${args.join(' ')}"); agents move tasks, and so does the person who owns one through a run`);
}

export function parseMetricsCommand(args: string[]): Result<ProgramCommand> {
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
