// Who and where: a program is one Slack channel; an actor is whoever changed something, kept for audit.
import { z } from 'zod';

export const ProgramRefSchema = z.object({
  teamId: z.string().min(1),
  channelId: z.string().min(1),
});
export type ProgramRef = z.infer<typeof ProgramRefSchema>;

export const SURFACES = ['slash', 'mention', 'action', 'agent', 'cron', 'local'] as const;
export const SurfaceSchema = z.enum(SURFACES);
export type Surface = z.infer<typeof SurfaceSchema>;

export const ActorSchema = z.object({
  userId: z.string().min(1),
  surface: SurfaceSchema,
  agent: z.string().min(1).optional(),
  runId: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** One stable string per program, for keys and logs; Slack ids never contain ':'. */
export function programKey(program: ProgramRef): string {
  return `${program.teamId}:${program.channelId}`;
}
