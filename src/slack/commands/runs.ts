// `/ohmymkt runs` and `/ohmymkt approvers group …`: the channel's recent runs (privately, each linked to
// its thread), and the user group its cards and reminders mention.
import { setApproverGroup } from '../../services/approvers.ts';
import { channelRuns } from '../../services/home.ts';
import { auditLine } from '../blocks/audit.ts';
import { message, section, type Message } from '../blocks/kit.ts';
import { groupMention, mrkdwnEscape } from '../blocks/limits.ts';
import { RUNS_LISTED, runsMessage } from '../blocks/run-lines.ts';
import { refusal, type CommandContext } from './execute.ts';

export async function showRuns(context: CommandContext): Promise<void> {
  const { services, program, replies } = context;
  const runs = await channelRuns(services, program, RUNS_LISTED);
  const links = new Map<string, string>();
  await Promise.all(
    runs.map(async ({ run }) => {
      const url = await context.threadLink?.(run.threadTs);
      if (url) links.set(run.threadTs, url);
    }),
  );
  await replies.private(runsMessage(runs, (threadTs) => links.get(threadTs), services.clock.now()));
}

function groupMessage(group: { id: string; handle: string } | undefined): Message {
  return group
    ? message(`Plan and asset cards mention @${group.handle}`, [
        section(`Plan and asset cards and their reminders mention ${groupMention(group.id)} instead of each approver. Who may click Approve stays the approvers (\`/ohmymkt approvers\`) and the requester.`),
      ])
    : message('Plan and asset cards mention the approvers', [section('Plan and asset cards and their reminders mention the approvers again. `/ohmymkt approvers group @group` names a group instead.')]);
}

export async function changeApproverGroup(context: CommandContext, group: { id: string; handle: string } | undefined): Promise<void> {
  const { services, program, actor, replies } = context;
  const result = await setApproverGroup(services, program, actor, await context.role(), group);
  if (!result.ok) return replies.private(refusal(result));
  // The audit line names the group without pinging it: changing who is told is not news for them.
  await replies.channel(auditLine(actor.userId, group ? `named @${mrkdwnEscape(group.handle)} as the group plan and asset cards mention` : 'stopped mentioning a group on plan and asset cards'));
  return replies.private(groupMessage(result.value));
}
