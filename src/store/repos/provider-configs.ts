// One document per program and provider: plain settings, secrets only as sealed ciphertext beside
// their masked form, and who changed it last.
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import { SealedSecretSchema } from '../../providers/secrets.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId, type Scoped } from './stored.ts';

export const ProviderConfigSchema = z.object({
  providerId: z.string().min(1),
  settings: z.record(z.string(), z.string()),
  secrets: z.record(z.string(), SealedSecretSchema),
  masked: z.record(z.string(), z.string()),
  /** The origin the secrets were sealed for (bound in their authenticated context); absent on older configs. */
  host: z.string().optional(),
  updatedAt: z.date(),
  updatedBy: z.string().min(1),
});
export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;

type StoredProviderConfig = Scoped & ProviderConfig;
const StoredSchema = ProviderConfigSchema.extend({ _id: z.string(), teamId: z.string(), channelId: z.string() });

const COLLECTION = 'provider_configs';

export class ProviderConfigs {
  private constructor(private readonly docs: Collection<StoredProviderConfig>) {}

  static async open(store: DocumentStore): Promise<ProviderConfigs> {
    return new ProviderConfigs(await store.collection<StoredProviderConfig>(COLLECTION, [{ field: 'teamId' }]));
  }

  async get(program: ProgramRef, providerId: string): Promise<ProviderConfig | null> {
    const doc = await this.docs.findOne({ _id: scopedId(program, 'provider', providerId) });
    return doc === null ? null : strip(readStored(COLLECTION, StoredSchema, doc));
  }

  async list(program: ProgramRef): Promise<ProviderConfig[]> {
    const docs = await this.docs.find({ ...scope(program) }, { sort: { providerId: 1 } });
    return docs.map((doc) => strip(readStored(COLLECTION, StoredSchema, doc)));
  }

  /** Replaces the provider's whole configuration; the last writer wins, as in any settings form. */
  async put(program: ProgramRef, config: ProviderConfig): Promise<void> {
    await this.docs.updateOne({ _id: scopedId(program, 'provider', config.providerId) }, { ...scope(program), ...config }, { upsert: true });
  }
}

function strip(stored: z.infer<typeof StoredSchema>): ProviderConfig {
  const { _id, teamId, channelId, ...config } = stored;
  return config;
}
