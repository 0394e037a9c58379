// The sprint board as agents work it: one task moved at a time (status, owner, note), so the board,
// `/ohmymkt board` and the cycle's dual-track check read what was really done.
import { z } from 'zod';
import { ok } from '../../domain/result.ts';
import { TASK_STATUSES } from '../../domain/sprint.ts';
import { moveTask } from '../../services/board.ts';
import { caseless, defineTool } from './types.ts';

export const updateTask = defineTool({
  name: 'ohmymkt_update_task',
  description:
    'Move one task of this channel\'s sprint board (seeded from the playbook when the campaign starts; ids T01, T02, …, ' +
    'listed by ohmymkt_read_state part sprint_board): status pending | in_progress | done | blocked, a new owner, and/or a ' +
    'note. Blocked needs a note saying what blocks it. Mark a task in_progress when you start it and done when its ' +
    'deliverable exists; the weekly cycle counts that work per track. Returns the task as stored.',
  input: z
    .strictObject({
      task_id: z.string().trim().min(1).max(20).describe('T01, T02, …'),
      status: caseless(TASK_STATUSES).optional(),
      owner: z.string().trim().min(1).max(200).optional().describe('a Slack user id or an agent name'),
      note: z.string().trim().min(1).max(500).optional().describe('what was done, or what blocks it'),
    })
    .refine((input) => input.status !== undefined || input.owner !== undefined || input.note !== undefined, {
      path: ['status'],
      message: 'give a status, an owner or a note',
    }),
  async run(input, { services, program, actor }) {
    const moved = await moveTask(services, program, actor, input.task_id, {
      ...(input.status ? { status: input.status } : {}),
      ...(input.owner ? { owner: input.owner } : {}),
      ...(input.note ? { note: input.note } : {}),
    });
    return moved.ok ? ok({ ...moved.value, due: moved.value.due.toISOString().slice(0, 10) }) : moved;
  },
});
