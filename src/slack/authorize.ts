// The permission table applied at the Slack edge for actions on the whole channel: approvers settle it
// from the stored list; only when they do not is Slack asked whether the person is an admin.
import { permit, type PermissionAction } from '../domain/permissions.ts';
import type { ProgramRef } from '../domain/program.ts';
import type { Fail } from '../domain/result.ts';
import type { ActorRole } from '../services/approvers.ts';
import type { ServiceDeps } from '../services/deps.ts';

export interface Asker {
  services: ServiceDeps;
  program: ProgramRef;
  userId: string;
  role(): Promise<ActorRole>;
}

/** Undefined when allowed; otherwise the refusal, which names who may. */
export async function authorize(asker: Asker, action: PermissionAction): Promise<Fail | undefined> {
  const { approvers } = (await asker.services.repos.programs.load(asker.program)).state;
  const asMember = permit(action, { userId: asker.userId, isAdmin: false, approvers });
  if (asMember.ok) return undefined;
  const asAdmin = permit(action, { userId: asker.userId, isAdmin: (await asker.role()).isAdmin, approvers });
  return asAdmin.ok ? undefined : asAdmin;
}
