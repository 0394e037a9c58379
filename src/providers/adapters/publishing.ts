// Shared by the publishers: media bytes (given, or fetched from a public https URL — never from this
// host or a private network, so a post cannot carry out what only we can reach), metadata, titles.
import type { z } from 'zod';
import type { HttpEnv, ProviderHttp } from '../http.ts';
import { ok, type MediaItem, type ProviderResult, type Published } from '../port.ts';

const MAX_MEDIA_BYTES = 25 * 1024 * 1024;
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
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_MEDIA_BYTES) return http.fail('rejected', `media ${url.pathname} is larger than ${MAX_MEDIA_BYTES} bytes`);
    return ok({ bytes, mimeType: item.mimeType ?? response.headers.get('content-type') ?? 'application/octet-stream' });
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
