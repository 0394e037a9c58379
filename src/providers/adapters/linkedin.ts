// LinkedIn: the versioned Posts API (POST /rest/posts with LinkedIn-Version); images are registered
// with the Images API, uploaded to the URL it hands out, and attached by their image URN. A video goes
// through the Videos API: initialize (LinkedIn splits the file into byte ranges, one upload URL each),
// PUT every part, finalize with the parts' ETags, then wait until the video is AVAILABLE.
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { field, joinUrl, providerHttp, text } from '../http.ts';
import { ok, type MediaItem, type ProviderResult, type Publisher } from '../port.ts';
import { pickPostMedia, waitUntilProcessed, type Processing } from '../video-upload.ts';
import { mediaBytes, published } from './publishing.ts';

const MAX_IMAGES = 20;

/** Commentary is in LinkedIn's "little text" format, where these characters are markup unless escaped. */
export function escapeLittleText(value: string): string {
  return value.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);
}

/** The upload URL is LinkedIn's to name, but the token only ever goes to LinkedIn. */
function isLinkedIn(url: string, base: string): boolean {
  try {
    const { hostname, origin } = new URL(url);
    return origin === new URL(base).origin || hostname === 'linkedin.com' || hostname.endsWith('.linkedin.com');
  } catch {
    return false;
  }
}

interface UploadPart {
  uploadUrl: string;
  firstByte: number;
  lastByte: number;
}

/** The upload instructions, if they cover bytes 0…size-1 in order without gaps; anything else is unusable. */
function readParts(value: unknown, size: number): UploadPart[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const parts: UploadPart[] = [];
  for (const entry of value) {
    const uploadUrl = text(entry, 'uploadUrl');
    const firstByte = field(entry, 'firstByte');
    const lastByte = field(entry, 'lastByte');
    const expected = parts.length === 0 ? 0 : parts[parts.length - 1]!.lastByte + 1;
    if (!uploadUrl || firstByte !== expected || typeof lastByte !== 'number' || !Number.isSafeInteger(lastByte) || lastByte < expected) return undefined;
    parts.push({ uploadUrl, firstByte: expected, lastByte });
  }
  return parts[parts.length - 1]!.lastByte === size - 1 ? parts : undefined;
}

/** GET /rest/videos/{urn} status; WAITING_UPLOAD right after finalize is still on its way to PROCESSING. */
function videoProcessing(body: unknown): Processing {
  const status = text(body, 'status');
  if (status === 'AVAILABLE') return { state: 'ready' };
  if (status === 'PROCESSING_FAILED') return { state: 'failed', reason: text(body, 'processingFailureReason') ?? 'LinkedIn gave no reason' };
  return { state: 'processing' };
}

export function linkedInPublisher(settings: FieldValues, env: AdapterEnv): Publisher {
  const token = settings.accessToken ?? '';
  const author = settings.author ?? '';
  const base = settings.baseUrl ?? DEFAULTS.linkedin.baseUrl;
  const headers = {
    authorization: `Bearer ${token}`,
    'linkedin-version': settings.apiVersion ?? DEFAULTS.linkedin.apiVersion,
    'x-restli-protocol-version': '2.0.0',
  };
  const http = providerHttp(
    { provider: 'linkedin', label: 'LinkedIn', secrets: [token], readError: (body) => text(body, 'message') },
    env,
  );

  async function uploadImage(item: MediaItem): Promise<ProviderResult<{ id: string; altText?: string }>> {
    const media = await mediaBytes(item, env, http);
    if (!media.ok) return media;
    const registered = await http.send({
      url: joinUrl(base, '/rest/images?action=initializeUpload'),
      headers,
      json: { initializeUploadRequest: { owner: author } },
    });
    if (!registered.ok) return registered;
    const uploadUrl = text(registered.value.body, 'value', 'uploadUrl');
    const image = text(registered.value.body, 'value', 'image');
    if (!uploadUrl || !image) return http.fail('unavailable', 'LinkedIn registered the image without an upload URL');
    const uploaded = await http.send({
      method: 'PUT',
      url: uploadUrl,
      headers: { ...(isLinkedIn(uploadUrl, base) ? { authorization: headers.authorization } : {}), 'content-type': media.value.mimeType },
      body: new Uint8Array(media.value.bytes),
    });
    if (!uploaded.ok) return uploaded;
    return ok({ id: image, ...(item.altText ? { altText: item.altText } : {}) });
  }

  async function uploadVideo(item: MediaItem): Promise<ProviderResult<string>> {
    const media = await mediaBytes(item, env, http);
    if (!media.ok) return media;
    const { bytes } = media.value;
    if (bytes.length === 0) return http.fail('rejected', 'the video is empty');
    const started = await http.send({
      url: joinUrl(base, '/rest/videos?action=initializeUpload'),
      headers,
      json: { initializeUploadRequest: { owner: author, fileSizeBytes: bytes.length, uploadCaptions: false, uploadThumbnail: false } },
    });
    if (!started.ok) return started;
    const video = text(started.value.body, 'value', 'video');
    // Empty for a one-part upload, but finalize wants it back exactly as given.
    const uploadToken = field(started.value.body, 'value', 'uploadToken') ?? '';
    const parts = readParts(field(started.value.body, 'value', 'uploadInstructions'), bytes.length);
    if (!video || !parts || typeof uploadToken !== 'string') {
      return http.fail('unavailable', 'LinkedIn registered the video without upload instructions covering the whole file');
    }

    const uploadedPartIds: string[] = [];
    for (const [index, part] of parts.entries()) {
      const uploaded = await http.send({
        method: 'PUT',
        url: part.uploadUrl,
        headers: { ...(isLinkedIn(part.uploadUrl, base) ? { authorization: headers.authorization } : {}), 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes.subarray(part.firstByte, part.lastByte + 1)),
      });
      if (!uploaded.ok) return uploaded;
      // Finalize proves every part arrived by listing the ETag each PUT answered with, in order.
      const etag = uploaded.value.headers.get('etag');
      if (!etag) return http.fail('unavailable', `LinkedIn took part ${index + 1} of ${parts.length} of the video without an ETag`);
      uploadedPartIds.push(etag);
    }
    const finalized = await http.send({
      url: joinUrl(base, '/rest/videos?action=finalizeUpload'),
      headers,
      json: { finalizeUploadRequest: { video, uploadToken, uploadedPartIds } },
    });
    if (!finalized.ok) return finalized;

    // A post may only reference the video once LinkedIn has processed it.
    const status = joinUrl(base, `/rest/videos/${encodeURIComponent(video)}`);
    const processed = await waitUntilProcessed(
      http,
      `LinkedIn video ${video}`,
      async () => {
        const checked = await http.send({ url: status, headers });
        return checked.ok ? ok(videoProcessing(checked.value.body)) : checked;
      },
      env.poll,
    );
    return processed.ok ? ok(video) : processed;
  }

  return {
    async publish(request) {
      const { video, images, notes } = pickPostMedia('LinkedIn', request.media ?? [], MAX_IMAGES);
      let content: Record<string, unknown> | undefined;
      if (video) {
        const id = await uploadVideo(video);
        if (!id.ok) return id;
        content = { media: { id: id.value } };
      } else {
        const uploaded: Array<{ id: string; altText?: string }> = [];
        for (const item of images) {
          const image = await uploadImage(item);
          if (!image.ok) return image;
          uploaded.push(image.value);
        }
        const [single] = uploaded;
        content = uploaded.length > 1 ? { multiImage: { images: uploaded } } : single ? { media: single } : undefined;
      }
      const posted = await http.send({
        url: joinUrl(base, '/rest/posts'),
        headers,
        json: {
          author,
          commentary: escapeLittleText(request.text),
          visibility: 'PUBLIC',
          distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
          ...(content ? { content } : {}),
        },
      });
      if (!posted.ok) return posted;
      // The new post's URN comes back in a header; the body is empty.
      const id = posted.value.headers.get('x-restli-id');
      if (!id) return http.fail('unavailable', 'LinkedIn answered without the new post id');
      return published(id, `https://www.linkedin.com/feed/update/${id}/`, notes);
    },
  };
}
