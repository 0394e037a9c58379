// Loopback fakes of the image APIs: OpenAI Images (base64 answers), Replicate (asynchronous
// predictions polled at urls.get) and Gemini (inlineData parts), with their real error shapes.
// A prompt containing FAIL500 makes each answer a server error.
import { randomUUID } from 'node:crypto';
import { bearer, PNG_BYTES, sendJson, startFakeApi, type FakeApi } from './fake-api.ts';

const GPT_IMAGE_SIZES = new Set(['1024x1024', '1536x1024', '1024x1536', 'auto']);

export function fakeOpenAiImages(apiKey: string): Promise<FakeApi> {
  return startFakeApi((req, res) => {
    if (req.method !== 'POST' || req.path !== '/v1/images/generations') return sendJson(res, 404, { error: { message: `Unknown path ${req.path}` } });
    const given = bearer(req.headers);
    if (given !== apiKey) {
      // Worst case on purpose: the real API echoes part of the key; this fake echoes all of it.
      return sendJson(res, 401, { error: { message: `Incorrect API key provided: ${given}.`, type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const body = req.json();
    if (String(body.prompt).includes('FAIL500')) return sendJson(res, 500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
    if (!body.prompt) return sendJson(res, 400, { error: { message: "Missing required parameter: 'prompt'.", param: 'prompt', type: 'invalid_request_error' } });
    if (!GPT_IMAGE_SIZES.has(body.size)) return sendJson(res, 400, { error: { message: `Invalid value: '${body.size}'.`, param: 'size', type: 'invalid_request_error' } });
    if (String(body.model).startsWith('gpt-image') && 'response_format' in body) {
      return sendJson(res, 400, { error: { message: "Unknown parameter: 'response_format'.", param: 'response_format', type: 'invalid_request_error' } });
    }
    sendJson(res, 200, { created: 1_764_000_000, data: [{ b64_json: PNG_BYTES.toString('base64') }], usage: { total_tokens: 100 } });
  });
}

export function fakeReplicate(token: string, options: { runningPolls?: number } = {}): Promise<FakeApi> {
  const predictions = new Map<string, { polls: number; prompt: string }>();
  return startFakeApi((req, res, origin) => {
    if (bearer(req.headers) !== token) {
      return sendJson(res, 401, { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 });
    }
    const create = /^\/v1\/models\/([\w.-]+)\/([\w.-]+)\/predictions$/.exec(req.path);
    if (req.method === 'POST' && (create || req.path === '/v1/predictions')) {
      const body = req.json();
      const prompt = String(body.input?.prompt ?? '');
      if (prompt.includes('FAIL500')) return sendJson(res, 500, { title: 'Internal Server Error', detail: 'Something went wrong', status: 500 });
      if (!prompt) return sendJson(res, 422, { title: 'Input validation failed', detail: '- input: prompt is required', status: 422 });
      const id = randomUUID().replaceAll('-', '').slice(0, 26);
      predictions.set(id, { polls: 0, prompt });
      return sendJson(res, 201, {
        id,
        model: create ? `${create[1]}/${create[2]}` : 'pinned',
        input: body.input,
        status: 'starting',
        output: null,
        error: null,
        urls: { get: `${origin}/v1/predictions/${id}`, cancel: `${origin}/v1/predictions/${id}/cancel` },
      });
    }
    const get = /^\/v1\/predictions\/(\w+)$/.exec(req.path);
    const prediction = get?.[1] ? predictions.get(get[1]) : undefined;
    if (req.method === 'GET' && get && prediction) {
      prediction.polls += 1;
      const running = prediction.polls <= (options.runningPolls ?? 2);
      if (running) return sendJson(res, 200, { id: get[1], status: prediction.polls === 1 ? 'starting' : 'processing', output: null });
      if (prediction.prompt.includes('FORBIDDEN')) return sendJson(res, 200, { id: get[1], status: 'failed', output: null, error: 'NSFW content detected' });
      return sendJson(res, 200, { id: get[1], status: 'succeeded', output: [`${origin}/files/${get[1]}.webp`], error: null });
    }
    sendJson(res, 404, { title: 'Not found', detail: 'The requested resource could not be found', status: 404 });
  });
}

export function fakeGemini(apiKey: string): Promise<FakeApi> {
  return startFakeApi((req, res) => {
    const route = /^\/v1beta\/models\/([\w.-]+):generateContent$/.exec(req.path);
    if (req.method !== 'POST' || !route) return sendJson(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    if (req.headers['x-goog-api-key'] !== apiKey) {
      return sendJson(res, 400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
        },
      });
    }
    const body = req.json();
    const prompt = String(body.contents?.[0]?.parts?.[0]?.text ?? '');
    if (prompt.includes('FAIL500')) return sendJson(res, 503, { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
    const parts: unknown[] = [{ text: 'Here is the image you asked for.' }];
    // Without the IMAGE modality the model answers in text only, as the real one does.
    if (body.generationConfig?.responseModalities?.includes('IMAGE')) parts.push({ inlineData: { mimeType: 'image/png', data: PNG_BYTES.toString('base64') } });
    sendJson(res, 200, { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], modelVersion: route[1] });
  });
}
