// The asset manifest (rules §9): every piece of content a program plans, drafts, reviews, approves
// and publishes, with the status moves allowed between those steps.
import { z } from 'zod';
import { ActorSchema } from './program.ts';
import { fail, ok, type Result } from './result.ts';

export const ASSET_TYPES = [
  'landing_page',
  'email',
  'social_post',
  'ad',
  'blog',
  'image',
  'video',
  'answer_block',
  'case_study',
  'other',
] as const;
export const AssetTypeSchema = z.enum(ASSET_TYPES);
export type AssetType = z.infer<typeof AssetTypeSchema>;

export const ASSET_STATUSES = ['planned', 'draft', 'review', 'approved', 'published'] as const;
export const AssetStatusSchema = z.enum(ASSET_STATUSES);
export type AssetStatus = z.infer<typeof AssetStatusSchema>;

export const ASSET_FORMATS = ['text', 'image', 'video'] as const;
export const AssetFormatSchema = z.enum(ASSET_FORMATS);
export type AssetFormat = z.infer<typeof AssetFormatSchema>;

export const AssetIdSchema = z.string().regex(/^AST-[1-9]\d*$/);

/** One post of the asset on one platform; an asset may go to several, each recorded. */
export const PublicationSchema = z.object({
  platform: z.string().min(1),
  id: z.string().min(1),
  url: z.string().max(2000).optional(),
  at: z.date(),
  by: ActorSchema,
});
export type Publication = z.infer<typeof PublicationSchema>;

export const AssetSchema = z.object({
  id: AssetIdSchema,
  type: AssetTypeSchema,
  name: z.string().trim().min(1).max(200),
  status: AssetStatusSchema,
  format: AssetFormatSchema,
  location: z.string().trim().max(2000).optional(),
  notes: z.string().trim().max(8000).optional(),
  /** Where it went out, platform by platform (absent before the first). */
  publications: z.array(PublicationSchema).max(50).optional(),
  createdBy: ActorSchema,
  createdAt: z.date(),
  updatedBy: ActorSchema,
  updatedAt: z.date(),
});
export type Asset = z.infer<typeof AssetSchema>;

export function assetId(sequence: number): string {
  return `AST-${sequence}`;
}

/** A person's answer to an asset in review. */
export type AssetDecision = 'approve' | 'send_back';

/** Who moves an asset: a person (a button, a command) or an agent (a tool call in a run). */
export type AssetMover = 'person' | 'agent';

// Forward one step at a time; anything not yet published may go back to draft for rework.
// Published is final: a correction is a new asset. Approval is a person's: what goes out in the
// program's name is signed off by someone who answers for it, never by the agent that wrote it.
export function moveAsset(asset: Asset, to: AssetStatus, by: AssetMover): Result<AssetStatus> {
  if (to === asset.status) return ok(to);
  if (asset.status === 'published') return fail('conflict', `${asset.id} is already published; record a correction as a new asset`);
  if (to === 'approved' && by === 'agent') {
    return fail('forbidden', `only a person approves ${asset.id}: move it to review and the app asks in the thread with Approve / Send back`);
  }
  const from = ASSET_STATUSES.indexOf(asset.status);
  const target = ASSET_STATUSES.indexOf(to);
  if (target === from + 1 || to === 'draft') return ok(to);
  const next = ASSET_STATUSES[from + 1];
  return fail('conflict', `${asset.id} is ${asset.status}; it can move to ${next} (or back to draft), not to ${to}`);
}

/**
 * An approved asset is what a person signed off, and what gets published: an agent may change its
 * name, location or notes only while sending it back to draft, or as it is published.
 */
export function checkEdit(asset: Asset, to: AssetStatus, by: AssetMover): Result<void> {
  if (by === 'person' || asset.status !== 'approved' || to === 'draft' || to === 'published') return ok(undefined);
  return fail('conflict', `${asset.id} is approved as it stands; to change it, move it back to draft and through review again`);
}
