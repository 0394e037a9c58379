// X: media go up first through the v2 media upload, then POST /2/tweets carries their media ids;
// authorised by an OAuth 2.0 user access token. Images take the one-call upload (base64 in JSON);
// a video takes the chunked one — initialize, append segments, finalize, then STATUS until processed.
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { field, joinUrl, providerHttp, text } from '../http.ts';
import { ok, type MediaItem, type ProviderResult, type Publisher } from '../port.ts';
import { pickPostMedia, waitUntilProcessed, type Processing } from '../video-upload.ts';
import { mediaBytes, published } from './publishing.ts';

const MAX_IMAGES = 4;
/** X asks for segments of at most 5 MB (its server takes up to 8 MB); 4 MiB leaves room. */
const SEGMENT_BYTES = 4 * 1024 * 1024;

export interface XOptions {
  /** Size of each APPEND segment; tests make it small to exercise several segments. */
  segmentBytes?: number;
}

/** What a finalize or STATUS answer says about processing; no processing_info means ready to use. */
function processing(body: unknown): Processing {
  const info = field(body, 'data', 'processing_info');
  if (info === undefined || info === null) return { state: 'ready' };
  const state = text(info, 'state');
  if (state === 'succeeded') return { state: 'ready' };
  if (state === 'failed') {
    const reason = [text(info, 'error', 'name'), text(info, 'error', 'message')].filter(Boolean).join(': ');
    return { state: 'failed', reason: reason || 'X gave no reason' };
  }
  const after = field(info, 'check_after_secs');
  return { state: 'processing', ...(typeof after === 'number' && after >= 0 ? { afterMs: after * 1000 } : {}) };
}

export function xPublisher(settings: FieldValues, env: AdapterEnv, options: XOptions = {}): Publisher {
  const token = settings.accessToken ?? '';
  const base = settings.baseUrl ?? DEFAULTS.x.baseUrl;
  const headers = { authorization: `Bearer ${token}` };
  const segmentBytes = options.segmentBytes ?? SEGMENT_BYTES;
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

  async function uploadImage(item: MediaItem): Promise<ProviderResult<string>> {
    const media = await mediaBytes(item, env, http);
    if (!media.ok) return media;
    const uploaded = await http.send({
      url: joinUrl(base, '/2/media/upload'),
      headers,
      json: { media: media.value.bytes.toString('base64'), media_category: 'tweet_image', media_type: media.value.mimeType },
    });
    if (!uploaded.ok) return uploaded;
    const id = text(uploaded.value.body, 'data', 'id');
    return id ? ok(id) : http.fail('unavailable', 'X accepted the image but answered without a media id');
  }

  async function uploadVideo(item: MediaItem): Promise<ProviderResult<string>> {
    const media = await mediaBytes(item, env, http);
    if (!media.ok) return media;
    const { bytes, mimeType } = media.value;
    if (bytes.length === 0) return http.fail('rejected', 'the video is empty');
    const started = await http.send({
      url: joinUrl(base, '/2/media/upload/initialize'),
      headers,
      json: { media_type: mimeType.startsWith('video/') ? mimeType : 'video/mp4', total_bytes: bytes.length, media_category: 'tweet_video' },
    });
    if (!started.ok) return started;
    const id = text(started.value.body, 'data', 'id');
    if (!id) return http.fail('unavailable', 'X started the video upload but answered without a media id');
    const upload = joinUrl(base, `/2/media/upload/${encodeURIComponent(id)}`);

    const segments = Math.ceil(bytes.length / segmentBytes);
    for (let index = 0; index < segments; index += 1) {
      const form = new FormData();
      form.set('segment_index', String(index));
      form.set('media', new Blob([new Uint8Array(bytes.subarray(index * segmentBytes, (index + 1) * segmentBytes))]), 'segment');
      const appended = await http.send({ url: `${upload}/append`, headers, body: form });
      if (!appended.ok) return appended;
    }
    const finalized = await http.send({ method: 'POST', url: `${upload}/finalize`, headers });
    if (!finalized.ok) return finalized;

    const status = joinUrl(base, `/2/media/upload?command=STATUS&media_id=${encodeURIComponent(id)}`);
    const processed = await waitUntilProcessed(
      http,
      `X video ${id}`,
      async () => {
        const checked = await http.send({ url: status, headers });
        return checked.ok ? ok(processing(checked.value.body)) : checked;
      },
      env.poll,
      processing(finalized.value.body),
    );
    return processed.ok ? ok(id) : processed;
  }

  return {
    async publish(request) {
      const { video, images, notes } = pickPostMedia('X', request.media ?? [], MAX_IMAGES);
      const mediaIds: string[] = [];
      if (video) {
        const id = await uploadVideo(video);
        if (!id.ok) return id;
        mediaIds.push(id.value);
      }
      for (const image of images) {
        const id = await uploadImage(image);
        if (!id.ok) return id;
        mediaIds.push(id.value);
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
