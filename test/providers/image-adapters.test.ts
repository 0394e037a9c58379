// OpenAI Images, Replicate and Gemini against loopback fakes of their APIs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { geminiImage } from '../../src/providers/adapters/gemini-image.ts';
import { openAiImages } from '../../src/providers/adapters/openai-images.ts';
import { replicate } from '../../src/providers/adapters/replicate.ts';
import { PNG_BYTES, type FakeApi } from '../support/providers/fake-api.ts';
import { fakeGemini, fakeOpenAiImages, fakeReplicate } from '../support/providers/image-apis.ts';
import { assertFails, assertOk, testEnv } from '../support/providers/assertions.ts';

const request = { prompt: 'A lighthouse at dawn', style: 'watercolour', aspect: '16:9' as const, negativePrompt: 'text' };

describe('OpenAI Images adapter', () => {
  const apiKey = 'sk-test-openai-0123456789';
  let api: FakeApi;
  before(async () => (api = await fakeOpenAiImages(apiKey)));
  after(() => api.close());
  const adapter = (key = apiKey) => openAiImages({ apiKey: key, baseUrl: `${api.origin}/v1` }, testEnv());

  it('decodes the base64 image it answers with', async () => {
    const image = assertOk(await adapter().generate(request));
    assert.deepEqual(image, { bytes: PNG_BYTES, mimeType: 'image/png' });
  });

  it('asks for the landscape size for 16:9 and folds style and negatives into the prompt', async () => {
    await adapter().generate(request);
    const body = JSON.parse(api.requests.at(-1)!.body.toString());
    assert.equal(body.size, '1536x1024');
    assert.match(body.prompt, /Style: watercolour\.\nAvoid: text\./);
  });

  it('reports a refused key as misconfigured without repeating the key', async () => {
    const wrong = 'sk-wrong-key-9876543210';
    assertFails(await adapter(wrong).generate(request), 'misconfigured', [wrong, apiKey]);
  });

  it('reports a server error as unavailable', async () => {
    assertFails(await adapter().generate({ ...request, prompt: 'FAIL500' }), 'unavailable');
  });

  it('reports an unsupported size as rejected with the provider message', async () => {
    assert.match(assertFails(await adapter().generate({ ...request, size: '999x1' }), 'rejected'), /Invalid value: '999x1'/);
  });

  it('reports an unreachable API as unavailable', async () => {
    const closed = openAiImages({ apiKey, baseUrl: 'http://127.0.0.1:1/v1' }, testEnv());
    assertFails(await closed.generate(request), 'unavailable', [apiKey]);
  });
});

describe('Replicate adapter', () => {
  const token = 'r8_test_token_0123456789';
  let api: FakeApi;
  before(async () => (api = await fakeReplicate(token, { runningPolls: 2 })));
  after(() => api.close());
  const adapter = (settings: Record<string, string> = {}) => replicate({ apiToken: token, baseUrl: `${api.origin}/v1`, ...settings }, testEnv());

  it('creates a prediction, polls urls.get until it succeeds and returns the output URL', async () => {
    const image = assertOk(await adapter().generate(request));
    assert.ok('url' in image && image.url.endsWith('.webp'));
    const paths = api.requests.slice(-4).map((r) => `${r.method} ${r.path.replace(/\/\w{26}$/, '/:id')}`);
    assert.deepEqual(paths, ['POST /v1/models/black-forest-labs/flux-schnell/predictions', 'GET /v1/predictions/:id', 'GET /v1/predictions/:id', 'GET /v1/predictions/:id']);
    assert.equal(JSON.parse(api.requests.at(-4)!.body.toString()).input.aspect_ratio, '16:9');
  });

  it('creates a pinned-version prediction when the model names a version', async () => {
    assertOk(await adapter({ model: 'stability-ai/sdxl:7762fd07' }).generate(request));
    const create = api.requests.at(-4)!;
    assert.equal(create.path, '/v1/predictions');
    assert.equal(JSON.parse(create.body.toString()).version, '7762fd07');
  });

  it('reports a failed prediction as rejected with its error', async () => {
    assert.match(assertFails(await adapter().generate({ ...request, prompt: 'FORBIDDEN' }), 'rejected'), /NSFW content detected/);
  });

  it('gives up after the configured number of checks, naming the prediction', async () => {
    const slow = replicate({ apiToken: token, baseUrl: `${api.origin}/v1` }, testEnv({ poll: { intervalMs: 0, maxAttempts: 2, sleep: async () => undefined } }));
    assert.match(assertFails(await slow.generate(request), 'unavailable'), /still running after 2 checks/);
  });

  it('reports a bad token as misconfigured and a server error as unavailable', async () => {
    assertFails(await replicate({ apiToken: 'r8_wrong_0000000000', baseUrl: `${api.origin}/v1` }, testEnv()).generate(request), 'misconfigured', ['r8_wrong_0000000000']);
    assertFails(await adapter().generate({ ...request, prompt: 'FAIL500' }), 'unavailable');
  });
});

describe('Gemini image adapter', () => {
  const apiKey = 'AIzaTestKey0123456789';
  let api: FakeApi;
  before(async () => (api = await fakeGemini(apiKey)));
  after(() => api.close());
  const adapter = (key = apiKey) => geminiImage({ apiKey: key, baseUrl: `${api.origin}/v1beta` }, testEnv());

  it('returns the inlineData part as bytes, sending the key in x-goog-api-key', async () => {
    const image = assertOk(await adapter().generate(request));
    assert.deepEqual(image, { bytes: PNG_BYTES, mimeType: 'image/png' });
    const sent = api.requests.at(-1)!;
    assert.equal(sent.path, '/v1beta/models/gemini-2.5-flash-image:generateContent');
    assert.equal(JSON.parse(sent.body.toString()).generationConfig.imageConfig.aspectRatio, '16:9');
  });

  it('reports an invalid key (400 API_KEY_INVALID) as misconfigured', async () => {
    assertFails(await adapter('AIzaWrongKey000000000').generate(request), 'misconfigured', ['AIzaWrongKey000000000']);
  });

  it('reports an overloaded model as unavailable', async () => {
    assertFails(await adapter().generate({ ...request, prompt: 'FAIL500' }), 'unavailable');
  });
});
