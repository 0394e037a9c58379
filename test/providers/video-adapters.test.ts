// Kling and Seedance against loopback fakes: asynchronous tasks submitted, polled and fetched.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kling } from '../../src/providers/adapters/kling.ts';
import { remotion } from '../../src/providers/adapters/remotion.ts';
import { seedance } from '../../src/providers/adapters/seedance.ts';
import type { FakeApi } from '../support/providers/fake-api.ts';
import { verifyHs256 } from '../support/providers/fake-api.ts';
import { fakeKling, fakeSeedance } from '../support/providers/video-apis.ts';
import { assertFails, assertOk, testEnv } from '../support/providers/assertions.ts';

const request = { prompt: 'A product tour of the dashboard', aspect: '9:16' as const, durationSeconds: 10 };

describe('Kling adapter', () => {
  const keys = { accessKey: 'ak-test-kling-0001', secretKey: 'sk-test-kling-secret-0001' };
  let api: FakeApi;
  before(async () => (api = await fakeKling(keys, { runningPolls: 2 })));
  after(() => api.close());
  const adapter = (overrides: Partial<typeof keys> = {}) => kling({ ...keys, ...overrides, baseUrl: api.origin }, testEnv());

  it('submits a text2video task, polls it to success and returns the video URL', async () => {
    const video = assertOk(await adapter().generate(request));
    assert.ok('url' in video && video.url.endsWith('.mp4'));
    assert.match(video.jobId, /^text2video\/\d+$/);
    const submitted = JSON.parse(api.requests.find((r) => r.method === 'POST')!.body.toString());
    assert.deepEqual([submitted.aspect_ratio, submitted.duration], ['9:16', '10']);
    assert.equal(api.requests.filter((r) => r.method === 'GET').length, 3);
  });

  it('signs each call with an HS256 token issued by the access key and valid for 30 minutes', async () => {
    await adapter().submit(request);
    const token = String(api.requests.at(-1)!.headers.authorization).replace('Bearer ', '');
    const { payload } = verifyHs256(token, keys.secretKey);
    assert.equal(payload.iss, keys.accessKey);
    assert.equal(Number(payload.exp) - Number(payload.nbf), 30 * 60 + 5);
  });

  it('uses image2video when an image is given', async () => {
    const video = assertOk(await adapter().generate({ ...request, imageUrl: 'https://cdn.example.com/hero.png' }));
    assert.match(video.jobId, /^image2video\//);
  });

  it('reports a task that fails review as rejected with Kling’s reason', async () => {
    assert.match(assertFails(await adapter().generate({ ...request, prompt: 'FORBIDDEN' }), 'rejected'), /safety review/);
  });

  it('reports a token signed with the wrong secret as misconfigured, naming neither key', async () => {
    assertFails(await adapter({ secretKey: 'sk-wrong-kling-secret' }).generate(request), 'misconfigured', ['sk-wrong-kling-secret', keys.accessKey]);
  });

  it('reports a server error as unavailable', async () => {
    assertFails(await adapter().generate({ ...request, prompt: 'FAIL500' }), 'unavailable');
  });
});

describe('Seedance adapter', () => {
  const apiKey = 'ark-test-seedance-0123456789';
  let api: FakeApi;
  before(async () => (api = await fakeSeedance(apiKey, { runningPolls: 2 })));
  after(() => api.close());
  const adapter = (key = apiKey) => seedance({ apiKey: key, baseUrl: `${api.origin}/api/v3` }, testEnv());

  it('creates a content generation task, polls it from queued to succeeded and returns content.video_url', async () => {
    const video = assertOk(await adapter().generate(request));
    assert.ok('url' in video && video.url.endsWith(`${video.jobId}.mp4`));
    const created = JSON.parse(api.requests.find((r) => r.method === 'POST')!.body.toString());
    assert.deepEqual([created.ratio, created.duration, created.content[0].type], ['9:16', 10, 'text']);
  });

  it('sends the image as the first frame for image → video', async () => {
    assertOk(await adapter().generate({ ...request, imageUrl: 'https://cdn.example.com/hero.png' }));
    const created = JSON.parse(api.requests.filter((r) => r.method === 'POST').at(-1)!.body.toString());
    assert.deepEqual(created.content[1], { type: 'image_url', image_url: { url: 'https://cdn.example.com/hero.png' }, role: 'first_frame' });
  });

  it('reports a failed task as rejected with its error message', async () => {
    assert.match(assertFails(await adapter().generate({ ...request, prompt: 'FORBIDDEN' }), 'rejected'), /sensitive content/);
  });

  it('reports a bad key as misconfigured and a server error as unavailable', async () => {
    assertFails(await adapter('ark-wrong-key-000000').generate(request), 'misconfigured', ['ark-wrong-key-000000']);
    assertFails(await adapter().generate({ ...request, prompt: 'FAIL500' }), 'unavailable');
  });
});

describe('Remotion adapter', () => {
  it('says it is not available on a host the operator has not set up', async () => {
    const message = assertFails(await remotion({ compositionId: 'Promo' }, testEnv()).render({ props: {} }), 'unavailable');
    assert.match(message, /not available on this host/);
  });

  it('runs the operator’s render command without a shell and returns the rendered file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ohmymkt-remotion-test-'));
    try {
      // A stand-in renderer: writes its composition and props to the output path it is given.
      const script = join(dir, 'render.mjs');
      await writeFile(script, "import { writeFileSync } from 'node:fs'; const [c, p, o] = process.argv.slice(2); writeFileSync(o, c + ' ' + p);");
      const env = testEnv({ remotion: { command: process.execPath, args: [script, '{composition}', '{props}', '{out}'], cwd: dir } });
      const video = assertOk(await remotion({ compositionId: 'Promo' }, env).render({ props: { headline: 'Hi; rm -rf /' } }));
      assert.ok('bytes' in video);
      assert.equal(video.bytes.toString(), 'Promo {"headline":"Hi; rm -rf /"}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
