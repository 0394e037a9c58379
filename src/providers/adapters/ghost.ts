// Ghost: the Admin API with a five-minute HS256 token signed with the hex-decoded secret of the
// `id:secret` Admin API key (kid = id, aud = /admin/); images are uploaded, the first one featured.
import { z } from 'zod';
import type { FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { joinUrl, providerHttp, text } from '../http.ts';
import { signHs256 } from '../jwt.ts';
import type { Publisher } from '../port.ts';
import { escapeHtml, firstLine, isImage, mediaBytes, published, readMetadata, textToHtml } from './publishing.ts';

const TOKEN_LIFETIME_S = 5 * 60;
const ACCEPT_VERSION = 'v5.0';

const GhostMetadata = z.object({
  title: z.string().min(1).optional(),
  status: z.enum(['published', 'draft', 'scheduled']).optional(),
  publishedAt: z.iso.datetime().optional(),
  tags: z.array(z.string().min(1)).optional(),
  excerpt: z.string().optional(),
  /** Ready-made HTML; otherwise the text becomes paragraphs. */
  html: z.string().optional(),
});

export function ghostPublisher(settings: FieldValues, env: AdapterEnv): Publisher {
  const [keyId = '', hexSecret = ''] = (settings.adminApiKey ?? '').split(':');
  const adminApi = joinUrl(settings.adminUrl ?? '', '/ghost/api/admin');
  const http = providerHttp(
    {
      provider: 'ghost',
      label: 'Ghost',
      secrets: [settings.adminApiKey ?? '', hexSecret],
      readError: (body) => [text(body, 'errors', 0, 'message'), text(body, 'errors', 0, 'context')].filter(Boolean).join(' ') || undefined,
    },
    env,
  );

  const headers = () => {
    const now = Math.floor(env.now().getTime() / 1000);
    const token = signHs256({ kid: keyId }, { iat: now, exp: now + TOKEN_LIFETIME_S, aud: '/admin/' }, Buffer.from(hexSecret, 'hex'));
    return { authorization: `Ghost ${token}`, 'accept-version': ACCEPT_VERSION };
  };

  return {
    async publish(request) {
      const metadata = readMetadata(GhostMetadata, request.metadata, http);
      if (!metadata.ok) return metadata;
      const notes: string[] = [];
      const imageUrls: string[] = [];
      for (const [index, item] of (request.media ?? []).entries()) {
        if (!isImage(item)) {
          notes.push('Ghost: only images are uploaded; embed videos by URL in the HTML');
          continue;
        }
        const media = await mediaBytes(item, env, http);
        if (!media.ok) return media;
        const form = new FormData();
        const filename = item.filename ?? `image-${index + 1}.${media.value.mimeType.split('/')[1] ?? 'png'}`;
        form.append('file', new Blob([new Uint8Array(media.value.bytes)], { type: media.value.mimeType }), filename);
        form.append('purpose', 'image');
        const uploaded = await http.send({ url: `${adminApi}/images/upload/`, headers: headers(), body: form });
        if (!uploaded.ok) return uploaded;
        const url = text(uploaded.value.body, 'images', 0, 'url');
        if (!url) return http.fail('unavailable', 'Ghost stored the image but answered without its URL');
        imageUrls.push(url);
      }
      const [feature, ...inline] = imageUrls;
      const m = metadata.value;
      const html = [m.html ?? textToHtml(request.text), ...inline.map((url) => `<img src="${escapeHtml(url)}">`)].join('\n');
      const posted = await http.send({
        url: `${adminApi}/posts/?source=html`,
        headers: headers(),
        json: {
          posts: [
            {
              title: m.title ?? firstLine(request.text),
              html,
              status: m.status ?? 'published',
              ...(m.publishedAt ? { published_at: m.publishedAt } : {}),
              ...(m.tags ? { tags: m.tags.map((name) => ({ name })) } : {}),
              ...(m.excerpt ? { custom_excerpt: m.excerpt } : {}),
              ...(feature ? { feature_image: feature } : {}),
            },
          ],
        },
      });
      if (!posted.ok) return posted;
      const id = text(posted.value.body, 'posts', 0, 'id');
      if (!id) return http.fail('unavailable', 'Ghost answered without the new post id');
      return published(id, text(posted.value.body, 'posts', 0, 'url'), notes);
    },
  };
}
