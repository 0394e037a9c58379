// GET /v1/models/{model_id} of the fake Claude, as the Models API answers it (the SDK's `ModelInfo`):
// the known models' info, 404 not_found_error for any other id, 401 authentication_error for a refused key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fakeModel } from './fake-claude-models.ts';
import { errorBody, newId } from './fake-claude-wire.ts';
import { sendJson } from './http.ts';

/** An API key the fake refuses, as the API refuses a wrong, revoked or expired key. */
export const REFUSED_API_KEY = 'sk-ant-api03-refused-key';

/** The key the SDK sent: `x-api-key`, or `Authorization: Bearer` (SDK 1.x). */
function apiKeyOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
}

const LINES = ['haiku', 'sonnet', 'opus', 'fable', 'mythos'] as const;

export function serveModelInfo(req: IncomingMessage, res: ServerResponse, modelId: string): void {
  const requestId = newId('req');
  const key = apiKeyOf(req);
  if (!key || key === REFUSED_API_KEY) {
    // https://platform.claude.com/docs/en/api/errors: 401 authentication_error, "There's an issue with your API key."
    const message = key ? 'invalid x-api-key' : 'x-api-key header is required';
    sendJson(res, 401, errorBody('authentication_error', message, requestId), { 'request-id': requestId });
    return;
  }
  const model = fakeModel(modelId);
  if (!model) {
    sendJson(res, 404, errorBody('not_found_error', `model: ${modelId}`, requestId), { 'request-id': requestId });
    return;
  }
  sendJson(
    res,
    200,
    {
      type: 'model',
      id: model.id,
      display_name: model.displayName,
      created_at: '2026-06-01T00:00:00Z',
      lifecycle: 'active',
      deprecated_at: null,
      retires_at: null,
      line: LINES.find((line) => model.id.includes(line)) ?? null,
      max_input_tokens: 1_000_000,
      max_tokens: 128_000,
      // "Object mapping capability names to their support details", nullable in ModelInfo.
      capabilities: null,
    },
    { 'request-id': requestId },
  );
}
