// `/ohmymkt approvers` lists the channel's approvers privately; `add|remove @user` changes them and
// `group @group|off` names the user group cards and reminders mention (the service checks who may).
// A change leaves a public audit line and answers privately with the new state.
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result.ts';
import { addApprover, listApprovers, removeApprover, setApproverGroup } from '../../services/approvers.ts';
import { approversMessage } from '../blocks/approvers.ts';
import { auditLine } from '../blocks/audit.ts';
import { message, section, type Message } from '../blocks/kit.ts';
import { groupMention, mrkdwnEscape } from '../blocks/limits.ts';
import { defineCommand, refuse, type CommandContext, type Refusal } from './spec.ts';

type Group = { id: string; handle: string };

type ApproversCommand =
  | { kind: 'approvers' }
  | { kind: 'approvers.add'; userId: string }
  | { kind: 'approvers.remove'; userId: string }
  /** Without `group`: cards go back to mentioning the approvers. */
  | { kind: 'approvers.group'; group?: Group };

// With should_escape on, Slack sends a mention as <@U123|name> (or <@U123>).
const UserMention = z.string().regex(/^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/);

// With should_escape on, Slack sends a user group as <!subteam^S123|@handle> (or <!subteam^S123>).
const GroupMention = /^<!subteam\^(S[A-Z0-9]+)(?:\|@?([^>]*))?>$/;

function parseApprovers(_text: string, args: string[]): Result<ApproversCommand> {
  const [action, mention, ...extra] = args;
  if (action === undefined) return ok({ kind: 'approvers' });
  const verb = action.toLowerCase();
  if (verb === 'group') return parseApproverGroup(mention, extra);
  if (verb !== 'add' && verb !== 'remove') return fail('usage', `"approvers ${action}" is not an approvers action; use add, remove or group`);
  if (mention === undefined || extra.length > 0) return fail('usage', `name one person: \`approvers ${verb} @someone\``);
  const parsed = UserMention.safeParse(mention);
  if (!parsed.success) return fail('usage', `"${mention}" is not a person; mention them with @ so Slack turns it into a link`);
  const userId = /^<@([A-Z0-9]+)/.exec(mention)?.[1] ?? '';
  return ok({ kind: verb === 'add' ? 'approvers.add' : 'approvers.remove', userId });
}

function parseApproverGroup(mention: string | undefined, extra: string[]): Result<ApproversCommand> {
  if (mention === undefined || extra.length > 0) return fail('usage', 'name one user group: `approvers group @group`, or `approvers group off`');
  if (mention.toLowerCase() === 'off') return ok({ kind: 'approvers.group' });
  const group = GroupMention.exec(mention);
  if (!group?.[1]) return fail('usage', `"${mention}" is not a user group; mention it with @ so Slack turns it into a link`);
  return ok({ kind: 'approvers.group', group: { id: group[1], handle: (group[2] ?? group[1]).slice(0, 100) } });
}

function groupMessage(group: Group | undefined): Message {
  return group
    ? message(`Plan and asset cards mention @${group.handle}`, [
        section(`Plan and asset cards and their reminders mention ${groupMention(group.id)} instead of each approver. Who may click Approve stays the approvers (\`/ohmymkt approvers\`) and the requester.`),
      ])
    : message('Plan and asset cards mention the approvers', [section('Plan and asset cards and their reminders mention the approvers again. `/ohmymkt approvers group @group` names a group instead.')]);
}

async function changeApproverGroup(context: CommandContext, group: Group | undefined): Promise<Refusal | void> {
  const { services, program, actor, replies } = context;
  const result = await setApproverGroup(services, program, actor, await context.role(), group);
  if (!result.ok) return refuse(result);
  // The audit line names the group without pinging it: changing who is told is not news for them.
  await replies.channel(auditLine(actor.userId, group ? `named @${mrkdwnEscape(group.handle)} as the group plan and asset cards mention` : 'stopped mentioning a group on plan and asset cards'));
  return replies.private(groupMessage(result.value));
}

export const approvers = defineCommand<ApproversCommand>({
  words: ['approvers'],
  usage: [
    'approvers | approvers add @user | approvers remove @user',
    'approvers group @group | approvers group off   cards and reminders mention this user group',
  ],
  parse: parseApprovers,
  async execute(command, context) {
    const { services, program, actor, replies } = context;
    if (command.kind === 'approvers') return replies.private(approversMessage(await listApprovers(services, program)));
    if (command.kind === 'approvers.group') return changeApproverGroup(context, command.group);
    const adding = command.kind === 'approvers.add';
    const result = await (adding ? addApprover : removeApprover)(services, program, actor, await context.role(), command.userId);
    if (!result.ok) return refuse(result, command.kind);
    await replies.channel(auditLine(actor.userId, adding ? `added <@${command.userId}> as an approver` : `removed <@${command.userId}> from the approvers`));
    return replies.private(approversMessage(result.value));
  },
});
