// X: images go up first through the v2 media upload (base64 in JSON), then POST /2/tweets carries
// their media ids; authorised by an OAuth 2.0 user access token.
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { joinUrl, providerHttp, text } from '../http.ts';
import type { Publisher } from '../port.ts';
import { isImage, mediaBytes, published } from './publishing.ts';

const MAX_IMAGES = 4;

export function xPublisher(settings: FieldValues, env: AdapterEnv): Publisher {
  const token = settings.accessToken ?? '';
  const base = settings.baseUrl ?? DEFAULTS.x.baseUrl;
  const headers = { authorization: `Bearer ${token}` };
  const http = providerHttp(
    {
      provider: 'x',
      label: 'X',
      secrets: [token],
      readError: (body) => text(body, 'detail') ?? text(body, 'errors', 0, 'message') ?? text(body, 'title'),
      // X answers a duplicate post with 403, which is about the post, not the credentials.
      classify: (status, body) => (status === 403 && /duplicate/i.test(JSON.stringify(body)) ? 'rejected' : undefined),
    },
    env,
  );

  return {
    async publish(request) {
      const notes: string[] = [];
      const mediaIds: string[] = [];
      for (const item of request.media ?? []) {
        if (!isImage(item)) {
          notes.push('X: only images are attached; videos need the chunked upload, which is not supported yet');
          continue;
        }
        if (mediaIds.length === MAX_IMAGES) {
          notes.push(`X: a post takes at most ${MAX_IMAGES} images; the rest were left out`);
          break;
        }
        const media = await mediaBytes(item, env, http);
        if (!media.ok) return media;
        const uploaded = await http.send({
          url: joinUrl(base, '/2/media/upload'),
          headers,
          json: { media: media.value.bytes.toString('base64'), media_category: 'tweet_image', media_type: media.value.mimeType },
        });
        if (!uploaded.ok) return uploaded;
        const id = text(uploaded.value.body, 'data', 'id');
        if (!id) return http.fail('unavailable', 'X accepted the image but answered without a media id');
        mediaIds.push(id);
      }
      const posted = await http.send({
        url: joinUrl(base, '/2/tweets'),
        headers,
        json: { text: request.text, ...(mediaIds.length > 0 ? { media: { media_ids: mediaIds } } : {}) },
      });
      if (!posted.ok) return posted;
      const id = text(posted.value.body, 'data', 'id');
      if (!id) return http.fail('unavailable', 'X answered without a post id');
      return published(id, `https://x.com/i/web/status/${id}`, notes);
    },
  };
}
