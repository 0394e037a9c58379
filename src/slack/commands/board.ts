// `/ohmymkt board`: the sprint board, privately. Agents move tasks, and so does a task's owner
// through a run, so the board takes no arguments.
import { fail, ok } from '../../domain/result.ts';
import { listBoard } from '../../services/board.ts';
import { sprintBoardMessages } from '../blocks/sprint.ts';
import { defineCommand } from './spec.ts';

export const board = defineCommand<{ kind: 'board' }>({
  words: ['board'],
  // Its grammar shares plans' line: `plans | board`.
  usage: [],
  parse: (_text, args) =>
    args.length === 0 ? ok({ kind: 'board' }) : fail('usage', `\`board\` takes nothing after it (got "${args.join(' ')}"); agents move tasks, and so does the person who owns one through a run`),
  async execute(_command, { services, program, replies }) {
    const { tasks, book } = await listBoard(services, program);
    for (const message of sprintBoardMessages(tasks, services.clock.now(), book)) await replies.private(message);
  },
});
