// Positioning angles of a program: saved by name, one selected at a time.
import { saveAngle, type Angle, type AngleFields, type PositioningBoard } from '../domain/positioning.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import { audit, type ServiceDeps } from './deps.ts';
import { saveRecord } from './records.ts';

const BOARD = 'angles';

export async function saveAngleFor(deps: ServiceDeps, program: ProgramRef, actor: Actor, fields: AngleFields): Promise<Result<Angle[]>> {
  const saved = await saveRecord(deps.repos.positioning, program, BOARD, (board) =>
    saveAngle(board ?? { angles: [] }, fields, actor, deps.clock.now()),
  );
  if (!saved.ok) return saved;
  await audit(deps, program, actor, 'positioning.save', { name: fields.name, selected: fields.selected ?? false });
  return ok(saved.value.angles);
}

export async function listAngles(deps: ServiceDeps, program: ProgramRef): Promise<Angle[]> {
  const stored = await deps.repos.positioning.get(program, BOARD);
  return (stored?.value ?? ({ angles: [] } satisfies PositioningBoard)).angles;
}
