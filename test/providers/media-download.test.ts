// Media given as a URL is downloaded to be re-uploaded; the size cap stops reading as soon as a file is
// too big (a lying or missing content-length included), so one huge file cannot exhaust the process.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, mediaBytes } from '../../src/providers/adapters/publishing.ts';
import { providerHttp, type HttpEnv } from '../../src/providers/http.ts';

const MB = 1024 * 1024;
const http = providerHttp({ provider: 'x', label: 'X', secrets: [], readError: () => undefined }, { fetch, timeoutMs: 1000 });

/** A server answer of `total` bytes in 1 MB chunks that counts how many chunks were pulled. */
function streamed(total: number, headers: Record<string, string>): { env: HttpEnv; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(MB);
  const env: HttpEnv = {
    timeoutMs: 1000,
    fetch: (async () => {
      // highWaterMark 0: a chunk is produced only when the reader asks for it.
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (pulled * MB >= total) return controller.close();
            pulled += 1;
            controller.enqueue(chunk);
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, { headers });
    }) as typeof fetch,
  };
  return { env, pulled: () => pulled };
}

describe('media download', () => {
  test('an image within the cap comes back whole with its type', async () => {
    const { env } = streamed(3 * MB, { 'content-type': 'image/png' });
    const got = await mediaBytes({ url: 'https://cdn.example.com/hero.png' }, env, http);
    assert.equal(got.ok && got.value.bytes.length, 3 * MB);
    assert.equal(got.ok && got.value.mimeType, 'image/png');
  });

  test('an image with no content-length stops being read once past the cap, and is refused', async () => {
    const { env, pulled } = streamed(MAX_IMAGE_BYTES + 40 * MB, { 'content-type': 'image/png' });
    const got = await mediaBytes({ url: 'https://cdn.example.com/huge.png' }, env, http);
    assert.equal(got.ok, false);
    assert.match(got.ok ? '' : got.message, /huge\.png is larger than 25 MB/);
    assert.ok(pulled() <= MAX_IMAGE_BYTES / MB + 2, `pulled ${pulled()} MB`);
  });

  test('a declared size over the cap is refused before any byte is read', async () => {
    const { env, pulled } = streamed(MAX_VIDEO_BYTES + MB, { 'content-type': 'video/mp4', 'content-length': String(MAX_VIDEO_BYTES + MB) });
    const got = await mediaBytes({ url: 'https://cdn.example.com/long.mp4' }, env, http);
    assert.match(got.ok ? '' : got.message, /long\.mp4 is larger than 200 MB/);
    assert.equal(pulled(), 0);
  });

  test('a video gets more room than an image', async () => {
    const { env } = streamed(MAX_IMAGE_BYTES + MB, { 'content-type': 'video/mp4' });
    const got = await mediaBytes({ url: 'https://cdn.example.com/clip.mp4' }, env, http);
    assert.equal(got.ok && got.value.bytes.length, MAX_IMAGE_BYTES + MB);
  });
});
