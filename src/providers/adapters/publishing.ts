// Shared by the publishers: media bytes (given, or fetched from a public https URL — never from this
// host or a private network, so a post cannot carry out what only we can reach), metadata, titles.
import type { z } from 'zod';
import type { HttpEnv, ProviderHttp } from '../http.ts';
import { ok, type MediaItem, type ProviderResult, type Published } from '../port.ts';

// Media fetched from a URL is held in memory to be re-uploaded, so a size cap keeps one oversized file
// from taking the process (and every run in it) down. Videos get more room than images.
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 200 * 1024 * 1024;

/** Reads a body up to `max` bytes; undefined as soon as it would be larger, without reading the rest. */
async function readCapped(response: Response, max: number): Promise<Buffer | undefined> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > max) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
const PRIVATE_HOST = /^(localhost|.*\.local|.*\.internal|127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|0\.|\[)/i;

export async function mediaBytes(item: MediaItem, env: HttpEnv, http: ProviderHttp): Promise<ProviderResult<{ bytes: Buffer; mimeType: string }>> {
  if ('bytes' in item) return ok({ bytes: item.bytes, mimeType: item.mimeType });
  let url: URL;
  try {
    url = new URL(item.url);
  } catch {
    return http.fail('rejected', `media URL "${item.url}" is not a URL`);
  }
  if (url.protocol !== 'https:' || PRIVATE_HOST.test(url.hostname)) {
    return http.fail('rejected', `media must come from a public https URL (got ${url.origin})`);
  }
  try {
    const response = await env.fetch(url, { signal: AbortSignal.timeout(env.timeoutMs) });
    if (!response.ok) return http.fail('rejected', `media ${url.origin}${url.pathname} answered HTTP ${response.status}`);
    const mimeType = item.mimeType ?? response.headers.get('content-type') ?? 'application/octet-stream';
    const max = mimeType.startsWith('video/') ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES;
    const bytes = await readCapped(response, max);
    if (bytes === undefined) {
      await response.body?.cancel().catch(() => undefined);
      return http.fail('rejected', `media ${url.pathname} is larger than ${max / 1024 / 1024} MB, the most ohmymkt re-uploads`);
    }
    return ok({ bytes, mimeType });
  } catch {
    return http.fail('rejected', `media ${url.origin}${url.pathname} could not be downloaded`);
  }
}

export const isImage = (item: MediaItem) => (item.mimeType ?? guessMime('url' in item ? item.url : '')).startsWith('image/');

function guessMime(url: string): string {
  return /\.(png|jpe?g|gif|webp)(\?|$)/i.test(url) ? 'image/' : '';
}

/** Platform metadata checked against the publisher's schema; a bad field is the caller's mistake. */
export function readMetadata<S extends z.ZodType>(schema: S, metadata: Record<string, unknown> | undefined, http: ProviderHttp): ProviderResult<z.infer<S>> {
  const parsed = schema.safeParse(metadata ?? {});
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return http.fail('rejected', `metadata.${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}`);
}

/** The first line of a post, shortened, for platforms that want a title or subject. */
export function firstLine(text: string, max = 80): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function published(id: string, url: string | undefined, notes: string[]): ProviderResult<Published> {
  return ok({ id, ...(url ? { url } : {}), ...(notes.length > 0 ? { notes } : {}) });
}

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function textToHtml(value: string): string {
  return value
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
