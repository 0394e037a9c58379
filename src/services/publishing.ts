// Publishing one approved asset to one platform: the one path behind ohmymkt_publish and the Publish
// button. What goes out is what a person approved — the copy in the asset's notes, word for word, and
// media that are approved assets, uploaded from the bytes ohmymkt kept or fetched from their public
// URL. Media that cannot be attached stop the post before it goes out, so nothing answers "published"
// without them. Each platform's post is recorded on the asset (an asset may go to several).
import type { Asset, Publication } from '../domain/assets.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { authorizeAction } from '../domain/review-gate.ts';
import { riskyActionOf } from '../domain/tool-risk.ts';
import type { MediaItem, ProviderFailure } from '../providers/port.ts';
import type { PublisherId } from '../providers/registry.ts';
import { getAsset, recordPublication } from './assets.ts';
import type { ServiceDeps } from './deps.ts';
import { publish } from './providers.ts';
import { MAX_MEDIA_BYTES } from '../store/repos/asset-media.ts';

export interface PublishInput {
  assetId: string;
  platform: PublisherId;
  placement: 'organic' | 'paid';
  /** When given, it must be the approved copy (an agent restating it); the copy is what is posted. */
  text?: string;
  /** Other approved image or video assets to attach; the asset's own media always go with it. */
  mediaAssetIds?: string[];
  metadata?: Record<string, string>;
  planId?: string;
}

export type PublishOutcome =
  | { kind: 'published'; asset: Asset; publication: Publication; attached: number; leftOut: string[] }
  | { kind: 'provider_problem'; asset: Asset; failure: ProviderFailure };

/** Buffer fetches a photo by its public URL (buffer.ts): bytes ohmymkt keeps cannot reach it. */
const URL_ONLY: readonly PublisherId[] = ['buffer'];

async function mediaOf(deps: ServiceDeps, program: ProgramRef, item: Asset, platform: PublisherId): Promise<Result<MediaItem>> {
  if (item.status !== 'approved' && item.status !== 'published') return fail('conflict', `${item.id} is ${item.status}; only approved media is attached`);
  const stored = await deps.repos.assetMedia.get(program, item.id);
  if (stored && !URL_ONLY.includes(platform)) {
    const extension = stored.mimeType.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin';
    return ok({ bytes: stored.bytes, mimeType: stored.mimeType, filename: `${item.id}.${extension}`, altText: item.name });
  }
  if (item.location?.startsWith('https://')) return ok({ url: item.location, altText: item.name });
  const why = stored ? `${platform} attaches media only by public URL, and ${item.id} is kept by ohmymkt without one` : `${item.id} has neither kept bytes nor a public https URL (${item.location ?? 'no location'})`;
  return fail('invalid', `the media cannot be attached: ${why}. Nothing was published; publish without it or give the asset a public URL`);
}

export async function publishAsset(deps: ServiceDeps, program: ProgramRef, actor: Actor, input: PublishInput): Promise<Result<PublishOutcome>> {
  const [plans, incidents] = await Promise.all([deps.repos.plans.list(program), deps.repos.incidents.list(program)]);
  const allowed = authorizeAction(riskyActionOf('ohmymkt_publish', { paidPlacement: input.placement === 'paid' }) ?? 'publish', {
    plans,
    incidents,
    ...(input.planId ? { planId: input.planId } : {}),
  });
  if (!allowed.ok) return allowed;
  const found = await getAsset(deps, program, input.assetId);
  if (!found.ok) return found;
  const asset = found.value;
  if (asset.status !== 'approved' && asset.status !== 'published') return fail('conflict', `${asset.id} is ${asset.status}; only an approved asset is published`);
  const earlier = asset.publications?.find((p) => p.platform === input.platform);
  if (earlier) return fail('conflict', `${asset.id} is already published to ${input.platform}${earlier.url ? ` (${earlier.url})` : ''}; a correction is a new asset`);
  const copy = asset.notes?.trim();
  if (!copy) return fail('conflict', `${asset.id} has no approved copy: put the post text in its notes and send it through review again`);
  if (input.text !== undefined && input.text !== copy) {
    return fail('conflict', `the text differs from the copy approved in ${asset.id}'s notes: leave text out to post the approved copy, or send the new copy through review`);
  }
  const media: MediaItem[] = [];
  const mediaIds = [...(asset.format === 'text' ? [] : [asset.id]), ...(input.mediaAssetIds ?? []).filter((id) => id.trim().toUpperCase() !== asset.id)];
  for (const id of mediaIds) {
    const item = id === asset.id ? found : await getAsset(deps, program, id);
    if (!item.ok) return item;
    const attached = await mediaOf(deps, program, item.value, input.platform);
    if (!attached.ok) return attached;
    media.push(attached.value);
  }
  // An asset goes to a platform once, so that pair names the publication: a call repeated after a
  // timeout or a crash (by the tool or the button) is one post where the platform takes the key.
  const idempotencyKey = `ohmymkt/${program.teamId}/${program.channelId}/${asset.id}/${input.platform}`;
  const request = { text: copy, idempotencyKey, ...(media.length > 0 ? { media } : {}), ...(input.metadata ? { metadata: input.metadata } : {}) };
  const result = await publish(deps, program, input.platform, request);
  if (!result.ok) return ok({ kind: 'provider_problem', asset, failure: result });
  const publication: Publication = { platform: input.platform, id: result.value.id, ...(result.value.url ? { url: result.value.url } : {}), at: deps.clock.now(), by: actor };
  const recorded = await recordPublication(deps, program, actor, asset.id, publication);
  if (!recorded.ok) return recorded;
  return ok({ kind: 'published', asset: recorded.value, publication, attached: media.length, leftOut: result.value.notes ?? [] });
}

/** Keeps generated bytes for publishing; the asset's location says whether a post can carry them. */
export async function keepGeneratedMedia(deps: ServiceDeps, program: ProgramRef, assetId: string, media: { bytes: Buffer; mimeType: string }): Promise<string> {
  const kept = await deps.repos.assetMedia.put(program, assetId, media, deps.clock.now());
  return kept === 'stored'
    ? `uploaded to the Slack thread (${media.mimeType}); kept by ohmymkt for publishing`
    : `uploaded to the Slack thread only (${media.mimeType}, over the ${MAX_MEDIA_BYTES / 1024 / 1024} MB ohmymkt keeps): it cannot be attached to a post`;
}
