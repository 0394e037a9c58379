// `/ohmymkt policy` shows the channel's four-eyes rule privately; `policy four-eyes on|off` (the
// service checks who may) changes it, leaves a public audit line and answers with the new state.
import { fail, ok, type Result } from '../../domain/result.ts';
import { setFourEyes } from '../../services/approvers.ts';
import { auditLine } from '../blocks/audit.ts';
import { message, section, type Message } from '../blocks/kit.ts';
import { defineCommand, refuse } from './spec.ts';

type PolicyCommand = { kind: 'policy' } | { kind: 'policy.four_eyes'; on: boolean };

function parsePolicy(_text: string, args: string[]): Result<PolicyCommand> {
  const [name, setting, ...extra] = args;
  if (name === undefined) return ok({ kind: 'policy' });
  if (name.toLowerCase() !== 'four-eyes') return fail('usage', `"policy ${name}" is not a policy; the one policy is \`policy four-eyes on|off\``);
  const value = setting?.toLowerCase();
  if ((value !== 'on' && value !== 'off') || extra.length > 0) return fail('usage', 'say on or off: `policy four-eyes on|off`');
  return ok({ kind: 'policy.four_eyes', on: value === 'on' });
}

function policyMessage(fourEyes: boolean): Message {
  const state = fourEyes ? 'on' : 'off';
  return message(`Four-eyes is ${state} in this channel`, [
    section(
      fourEyes
        ? '*Four-eyes is on.* A plan that commits budget, a paid channel, a launch date or a revenue target needs the approval of someone other than its requester whenever the channel has another approver.'
        : '*Four-eyes is off.* The requester may approve their own high-impact plan.',
    ),
    section('Approvers and admins change it with `/ohmymkt policy four-eyes on|off`.'),
  ]);
}

export const policy = defineCommand<PolicyCommand>({
  words: ['policy'],
  usage: ['policy | policy four-eyes on|off               four-eyes on high-impact plans (on by default)'],
  parse: parsePolicy,
  async execute(command, context) {
    const { services, program, actor, replies } = context;
    if (command.kind === 'policy') return replies.private(policyMessage((await services.repos.programs.load(program)).state.fourEyes));
    const result = await setFourEyes(services, program, actor, await context.role(), command.on);
    if (!result.ok) return refuse(result, command.kind);
    await replies.channel(auditLine(actor.userId, `turned four-eyes ${command.on ? 'on' : 'off'} for high-impact plans`));
    return replies.private(policyMessage(result.value));
  },
});
