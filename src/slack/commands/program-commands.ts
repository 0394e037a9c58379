// Runs `/ohmymkt playbook`, `board` and `metrics` after the ack: reads answer privately; a change
// (approvers and admins only) leaves one public audit line and answers privately with the new state.
import type { ProgramCommand } from './parse-program.ts';
import type { CommandContext } from './execute.ts';
import { assignmentText, refusal } from './execute.ts';
import { authorize } from '../authorize.ts';
import { auditLine } from '../blocks/audit.ts';
import { kpisMessage } from '../blocks/kpis.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';
import { playbookMessage } from '../blocks/playbook.ts';
import { sprintBoardMessages } from '../blocks/sprint.ts';
import { listBoard } from '../../services/board.ts';
import { readMetrics, setMetric, setTarget } from '../../services/metrics.ts';
import { setPlaybook, showPlaybook } from '../../services/playbooks.ts';
import type { PermissionAction } from '../../domain/permissions.ts';

const GUARDED: Partial<Record<ProgramCommand['kind'], PermissionAction>> = {
  'playbook.set': 'playbook.set',
  'metrics.set': 'metrics.set',
  'metrics.target': 'metrics.set',
};

export async function executeProgramCommand(command: ProgramCommand, context: CommandContext): Promise<void> {
  const { services, program, actor, replies } = context;
  const guard = GUARDED[command.kind];
  if (guard !== undefined) {
    const refused = await authorize({ services, program, userId: actor.userId, role: context.role }, guard);
    if (refused) return replies.private(refusal(refused, command.kind));
  }
  switch (command.kind) {
    case 'playbook':
      return replies.private(playbookMessage(await showPlaybook(services, program)));
    case 'playbook.set': {
      const result = await setPlaybook(services, program, actor, command.name);
      if (!result.ok) return replies.private(refusal(result, command.kind));
      const { from, to } = result.value;
      await replies.channel(auditLine(actor.userId, from === to.name ? `kept the ${mrkdwnEscape(to.name)} playbook` : `switched the playbook from ${mrkdwnEscape(from)} to ${mrkdwnEscape(to.name)}`));
      return replies.private(playbookMessage(await showPlaybook(services, program)));
    }
    case 'board': {
      const { tasks, book } = await listBoard(services, program);
      for (const message of sprintBoardMessages(tasks, services.clock.now(), book)) await replies.private(message);
      return;
    }
    case 'metrics':
      return replies.private(kpisMessage(await readMetrics(services, program)));
    case 'metrics.set':
    case 'metrics.target': {
      const setting = command.kind === 'metrics.set';
      const result = await (setting ? setMetric : setTarget)(services, program, actor, command.assignment);
      if (!result.ok) return replies.private(refusal(result, command.kind));
      await replies.channel(auditLine(actor.userId, `${setting ? 'set' : 'set the target'} ${assignmentText(command.assignment)}`));
      return replies.private(kpisMessage(result.value));
    }
  }
}
