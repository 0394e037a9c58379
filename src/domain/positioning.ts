// Positioning angles of a program (rules §9): scored on named criteria, at most one selected. All
// angles live in one small document so selecting one and unselecting the others is a single write.
import { z } from 'zod';
import { definedOnly } from './defined.ts';
import { ActorSchema, type Actor } from './program.ts';
import { fail, ok, type Result } from './result.ts';

export const MAX_ANGLES = 30;
const Line = z.string().trim().min(1).max(500);

export const AngleFieldsSchema = z.object({
  name: z.string().trim().min(1).max(120),
  statement: z.string().trim().min(1).max(2000),
  headline: Line.optional(),
  proofPoints: z.array(Line).max(20).optional(),
  risks: z.array(Line).max(20).optional(),
  scores: z.record(z.string().trim().min(1).max(60), z.number().min(0).max(10)).optional(),
  selected: z.boolean().optional(),
  rationale: z.string().trim().max(2000).optional(),
});
export type AngleFields = z.infer<typeof AngleFieldsSchema>;

export const AngleSchema = AngleFieldsSchema.extend({ selected: z.boolean(), updatedBy: ActorSchema, updatedAt: z.date() });
export type Angle = z.infer<typeof AngleSchema>;

export const PositioningBoardSchema = z.object({ angles: z.array(AngleSchema).max(MAX_ANGLES) });
export type PositioningBoard = z.infer<typeof PositioningBoardSchema>;

const sameName = (a: string, b: string) => a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

/** Saves an angle by name (a second save replaces it); selecting it unselects every other angle. */
export function saveAngle(board: PositioningBoard, fields: AngleFields, by: Actor, now: Date): Result<PositioningBoard> {
  const existing = board.angles.find((angle) => sameName(angle.name, fields.name));
  if (existing === undefined && board.angles.length >= MAX_ANGLES) {
    return fail('invalid', `a channel keeps at most ${MAX_ANGLES} positioning angles; update an existing one instead`);
  }
  if (fields.selected === true && !fields.rationale?.trim()) {
    return fail('invalid', 'a selected angle needs a rationale saying why it was chosen');
  }
  const angle: Angle = { ...definedOnly(fields), selected: fields.selected ?? existing?.selected ?? false, updatedBy: by, updatedAt: now };
  const angles = board.angles.map((candidate) => {
    if (candidate === existing) return angle;
    return angle.selected ? { ...candidate, selected: false } : candidate;
  });
  return ok({ angles: existing === undefined ? [...angles, angle] : angles });
}
