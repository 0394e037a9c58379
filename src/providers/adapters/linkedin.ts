// LinkedIn: the versioned Posts API (POST /rest/posts with LinkedIn-Version); images are registered
// with the Images API, uploaded to the URL it hands out, and attached by their image URN.
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { joinUrl, providerHttp, text } from '../http.ts';
import { ok, type MediaItem, type ProviderResult, type Publisher } from '../port.ts';
import { isImage, mediaBytes, published } from './publishing.ts';

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

  return {
    async publish(request) {
      const notes: string[] = [];
      const images: Array<{ id: string; altText?: string }> = [];
      for (const item of request.media ?? []) {
        if (!isImage(item)) {
          notes.push('LinkedIn: only images are attached; video posts need the Videos API, which is not supported yet');
        } else if (images.length === MAX_IMAGES) {
          notes.push(`LinkedIn: a post takes at most ${MAX_IMAGES} images; the rest were left out`);
          break;
        } else {
          const image = await uploadImage(item);
          if (!image.ok) return image;
          images.push(image.value);
        }
      }
      const [single] = images;
      const content = images.length > 1 ? { multiImage: { images } } : single ? { media: single } : undefined;
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
