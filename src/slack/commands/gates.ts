// `/ohmymkt gates` reads the startup gates privately; `gates set` (approvers and admins only) changes
// one field, leaves a public audit line and answers with the new state.
import { fail, ok, type Result } from '../../domain/result.ts';
import { checkGates, setGate } from '../../services/gates.ts';
import { auditLine } from '../blocks/audit.ts';
import { gatesMessage } from '../blocks/gates.ts';
import { assignmentText, defineCommand, refuse } from './spec.ts';

type GatesCommand = { kind: 'gates' } | { kind: 'gates.set'; assignment: string };

const EXAMPLE = 'capacity_gate.rolling_weeks_feasible=8';

function parseGates(_text: string, args: string[]): Result<GatesCommand> {
  const [action, assignment, ...extra] = args;
  if (action === undefined) return ok({ kind: 'gates' });
  if (action.toLowerCase() !== 'set') return fail('usage', `"gates ${action}" is not a gates action; use \`gates\` or \`gates set ${EXAMPLE}\``);
  if (assignment === undefined) return fail('usage', `say what to set: \`gates set ${EXAMPLE}\``);
  if (extra.length > 0) return fail('usage', `one assignment at a time, with no spaces: \`gates set ${EXAMPLE}\``);
  return ok({ kind: 'gates.set', assignment });
}

export const gates = defineCommand<GatesCommand>({
  words: ['gates'],
  usage: ['gates | gates set <gate>.<field>=<value>'],
  parse: parseGates,
  guards: { 'gates.set': 'gates.set' },
  async execute(command, { services, program, actor, replies }) {
    if (command.kind === 'gates') return replies.private(gatesMessage(await checkGates(services, program)));
    const result = await setGate(services, program, actor, command.assignment);
    if (!result.ok) return refuse(result, command.kind);
    await replies.channel(auditLine(actor.userId, `set ${assignmentText(command.assignment)}`));
    return replies.private(gatesMessage(result.value));
  },
});
