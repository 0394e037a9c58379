// What the requirements-analyst writes into a plan: the facts the planned-mode checklist reads.
import { z } from 'zod';

const Line = z.string().trim().min(1).max(500);

export const DeliverableOwnerSchema = z.object({
  deliverable: Line,
  /** Empty while nobody is named; the checklist fails the plan until someone is. */
  owner: z.string().trim().max(200),
});
export type DeliverableOwner = z.infer<typeof DeliverableOwnerSchema>;

export const RequirementsSchema = z.object({
  objective: z.string().trim().max(1000),
  channels: z.array(Line),
  boundaries: z.array(Line),
  timeline: z.string().trim().max(500),
  budget: z.string().trim().max(500),
  acceptanceCriteria: z.array(Line),
  rollbackRoute: z.string().trim().max(1000),
  owners: z.array(DeliverableOwnerSchema),
});
export type Requirements = z.infer<typeof RequirementsSchema>;

/** A partial write from the analyst; arrays replace, they do not append. */
export const RequirementsPatchSchema = RequirementsSchema.partial();
export type RequirementsPatch = z.infer<typeof RequirementsPatchSchema>;

export function emptyRequirements(): Requirements {
  return { objective: '', channels: [], boundaries: [], timeline: '', budget: '', acceptanceCriteria: [], rollbackRoute: '', owners: [] };
}
