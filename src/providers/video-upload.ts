// Shared by the publishers that upload videos (X, LinkedIn): which media a post can carry, and the
// bounded wait while the platform processes an uploaded video before a post may reference it.
import { isImage } from './adapters/publishing.ts';
import type { ProviderHttp } from './http.ts';
import type { PollOptions } from './poll.ts';
import { ok, type MediaItem, type ProviderResult } from './port.ts';

export const isVideo = (item: MediaItem) =>
  (item.mimeType ?? ('url' in item && /\.(mp4|m4v|mov|webm)(\?|$)/i.test(item.url) ? 'video/' : '')).startsWith('video/');

/** What one post carries: one video alone, or up to `maxImages` images; `notes` say what was left out. */
export function pickPostMedia(platform: string, items: readonly MediaItem[], maxImages: number): { video?: MediaItem; images: MediaItem[]; notes: string[] } {
  const videos = items.filter(isVideo);
  const images = items.filter(isImage);
  const notes: string[] = [];
  const others = items.length - videos.length - images.length;
  if (others > 0) notes.push(`${platform}: only images and videos are attached; ${others} other file(s) were left out`);
  const [video] = videos;
  if (video) {
    if (videos.length > 1) notes.push(`${platform}: a post takes one video; ${videos.length - 1} more were left out`);
    if (images.length > 0) notes.push(`${platform}: a post cannot mix a video with images, so the images were left out`);
    return { video, images: [], notes };
  }
  if (images.length > maxImages) notes.push(`${platform}: a post takes at most ${maxImages} images; the rest were left out`);
  return { images: images.slice(0, maxImages), notes };
}

/** One look at an uploaded video; `afterMs` is the platform's own hint for when to look again. */
export type Processing = { state: 'ready' } | { state: 'processing'; afterMs?: number } | { state: 'failed'; reason: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks until the video is ready, at most `poll.maxAttempts` times, sleeping the platform's hint or
 * `poll.intervalMs` in between. `first` is what the finalize answer already said, when it said anything.
 * Failed processing is the video's fault (rejected); running out of checks is a timeout (unavailable).
 */
export async function waitUntilProcessed(
  http: ProviderHttp,
  what: string,
  check: () => Promise<ProviderResult<Processing>>,
  poll: PollOptions,
  first?: Processing,
): Promise<ProviderResult<void>> {
  const sleep = poll.sleep ?? defaultSleep;
  let current = first;
  for (let checks = 0; current?.state !== 'ready'; ) {
    if (current?.state === 'failed') return http.fail('rejected', `${what} failed processing: ${current.reason}`);
    if (checks === poll.maxAttempts) {
      return http.fail('unavailable', `${what} was still processing after ${checks} status checks; nothing was posted, try again later`);
    }
    if (current) await sleep(current.afterMs ?? poll.intervalMs);
    const next = await check();
    checks += 1;
    if (!next.ok) return next;
    current = next.value;
  }
  return ok(undefined);
}
