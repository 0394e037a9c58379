// The bytes of generated media (an image a provider answered in base64 and the app uploaded to Slack),
// kept so publishing can upload the very file a person approved. One document per asset in a
// collection of its own, base64 in a string field: the asset records stay small to list and page, and
// both adapters store strings as they are. Capped at MAX_MEDIA_BYTES because a MongoDB document holds
// at most 16 MiB and base64 adds a third (10 MiB → 13.4 MiB), leaving room for the other fields.
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId } from './stored.ts';

export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

const MediaDocSchema = z.object({
  _id: z.string(),
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  assetId: z.string().min(1),
  mimeType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/),
  size: z.number().int().min(1).max(MAX_MEDIA_BYTES),
  base64: z.string().min(1),
  storedAt: z.date(),
});
type MediaDoc = z.infer<typeof MediaDocSchema>;

export interface StoredMedia {
  bytes: Buffer;
  mimeType: string;
}

export class AssetMedia {
  private constructor(private readonly docs: Collection<MediaDoc>) {}

  static async open(store: DocumentStore): Promise<AssetMedia> {
    return new AssetMedia(await store.collection<MediaDoc>('asset_media', [{ field: 'teamId' }]));
  }

  /** Keeps the asset's media (a later generation for the same asset replaces it); 'too_large' past the cap. */
  async put(program: ProgramRef, assetId: string, media: StoredMedia, at: Date): Promise<'stored' | 'too_large'> {
    if (media.bytes.length > MAX_MEDIA_BYTES) return 'too_large';
    const _id = scopedId(program, assetId);
    await this.docs.updateOne(
      { _id },
      { ...scope(program), assetId, mimeType: media.mimeType, size: media.bytes.length, base64: media.bytes.toString('base64'), storedAt: at },
      { upsert: true },
    );
    return 'stored';
  }

  async get(program: ProgramRef, assetId: string): Promise<StoredMedia | undefined> {
    const doc = await this.docs.findOne({ _id: scopedId(program, assetId) });
    if (doc === null) return undefined;
    const stored = readStored('asset_media', MediaDocSchema, doc);
    return { bytes: Buffer.from(stored.base64, 'base64'), mimeType: stored.mimeType };
  }
}
