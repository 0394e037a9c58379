// Buffer: one update per publish across the configured profiles (POST /1/updates/create.json,
// form-encoded); Buffer fetches a photo by its public URL, so only URL media can be attached.
import { z } from 'zod';
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { field, joinUrl, providerHttp, text } from '../http.ts';
import type { Publisher } from '../port.ts';
import { isImage, published, readMetadata } from './publishing.ts';

const BufferMetadata = z.object({
  scheduledAt: z.iso.datetime().optional(),
  /** Share straight away instead of adding to the queue. */
  now: z.boolean().optional(),
  link: z.url().optional(),
});

export function bufferPublisher(settings: FieldValues, env: AdapterEnv): Publisher {
  const token = settings.accessToken ?? '';
  const http = providerHttp(
    { provider: 'buffer', label: 'Buffer', secrets: [token], readError: (body) => text(body, 'message') ?? text(body, 'error') },
    env,
  );
  return {
    async publish(request) {
      const metadata = readMetadata(BufferMetadata, request.metadata, http);
      if (!metadata.ok) return metadata;
      const m = metadata.value;
      const notes: string[] = [];
      // The token travels in the form body, not the URL, so it stays out of access logs.
      const form = new URLSearchParams({ access_token: token, text: request.text });
      for (const id of (settings.profileIds ?? '').split(',')) form.append('profile_ids[]', id.trim());
      const photo = (request.media ?? []).find((item) => 'url' in item && isImage(item));
      if (photo && 'url' in photo) {
        form.set('media[photo]', photo.url);
        form.set('media[thumbnail]', photo.url);
      }
      if ((request.media ?? []).some((item) => item !== photo)) {
        notes.push('Buffer: attaches one image by public URL; other media were left out');
      }
      if (m.link) form.set('media[link]', m.link);
      if (m.scheduledAt) form.set('scheduled_at', m.scheduledAt);
      if (m.now) form.set('now', 'true');
      const created = await http.send({ url: joinUrl(settings.baseUrl ?? DEFAULTS.buffer.baseUrl, '/1/updates/create.json'), form });
      if (!created.ok) return created;
      const updates = field(created.value.body, 'updates');
      const ids = Array.isArray(updates) ? updates.map((u) => text(u, 'id')).filter((id): id is string => id !== undefined) : [];
      if (field(created.value.body, 'success') !== true || ids.length === 0) {
        return http.fail('rejected', `Buffer did not create the update: ${text(created.value.body, 'message') ?? 'no update returned'}`);
      }
      return published(ids.join(','), undefined, notes);
    },
  };
}
