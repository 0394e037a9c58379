// `/ohmymkt playbook` shows the channel's playbook privately; `playbook set <name>` (approvers and
// admins only) switches it, leaves a public audit line and answers with the new playbook.
import { fail, ok, type Result } from '../../domain/result.ts';
import { setPlaybook, showPlaybook } from '../../services/playbooks.ts';
import { auditLine } from '../blocks/audit.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';
import { playbookMessage } from '../blocks/playbook.ts';
import { defineCommand, refuse } from './spec.ts';

type PlaybookCommand = { kind: 'playbook' } | { kind: 'playbook.set'; name: string };

function parsePlaybook(_text: string, args: string[]): Result<PlaybookCommand> {
  const [action, name, ...extra] = args;
  if (action === undefined) return ok({ kind: 'playbook' });
  if (action.toLowerCase() !== 'set') return fail('usage', `"playbook ${action}" is not a playbook action; use \`playbook\` or \`playbook set <name>\``);
  if (name === undefined) return fail('usage', 'say which playbook: `playbook set <name>` (see `playbook` for the list)');
  if (extra.length > 0) return fail('usage', `one playbook name, no spaces: \`playbook set ${name}\``);
  return ok({ kind: 'playbook.set', name });
}

export const playbook = defineCommand<PlaybookCommand>({
  words: ['playbook'],
  usage: ['playbook | playbook set <name>                 built in: seo-aeo, demand-gen, launch'],
  parse: parsePlaybook,
  guards: { 'playbook.set': 'playbook.set' },
  async execute(command, { services, program, actor, replies }) {
    if (command.kind === 'playbook.set') {
      const result = await setPlaybook(services, program, actor, command.name);
      if (!result.ok) return refuse(result, command.kind);
      const { from, to } = result.value;
      await replies.channel(auditLine(actor.userId, from === to.name ? `kept the ${mrkdwnEscape(to.name)} playbook` : `switched the playbook from ${mrkdwnEscape(from)} to ${mrkdwnEscape(to.name)}`));
    }
    return replies.private(playbookMessage(await showPlaybook(services, program)));
  },
});
