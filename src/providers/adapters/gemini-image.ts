// Gemini image generation ("nano banana"): generateContent with the IMAGE modality; the picture comes
// back as a base64 inlineData part beside any text parts.
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { field, joinUrl, providerHttp, text } from '../http.ts';
import { ok, type ImageProvider } from '../port.ts';
import { describePrompt } from './prompt.ts';

export function geminiImage(settings: FieldValues, env: AdapterEnv): ImageProvider {
  const apiKey = settings.apiKey ?? '';
  const model = settings.model ?? DEFAULTS.gemini_image.model;
  const http = providerHttp(
    {
      provider: 'gemini_image',
      label: 'Gemini',
      secrets: [apiKey],
      readError: (body) => text(body, 'error', 'message'),
      // Google answers a wrong key with 400 INVALID_ARGUMENT and the reason API_KEY_INVALID.
      classify: (_status, body) => (JSON.stringify(field(body, 'error', 'details') ?? '').includes('API_KEY_INVALID') ? 'misconfigured' : undefined),
    },
    env,
  );
  return {
    async generate(request) {
      const answer = await http.send({
        url: joinUrl(settings.baseUrl ?? DEFAULTS.gemini_image.baseUrl, `/models/${encodeURIComponent(model)}:generateContent`),
        headers: { 'x-goog-api-key': apiKey },
        json: {
          contents: [{ role: 'user', parts: [{ text: describePrompt(request) }] }],
          generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: request.aspect } },
        },
      });
      if (!answer.ok) return answer;
      const parts = field(answer.value.body, 'candidates', 0, 'content', 'parts');
      const image = Array.isArray(parts) ? parts.find((part) => text(part, 'inlineData', 'data')) : undefined;
      if (!image) {
        const reason = text(answer.value.body, 'promptFeedback', 'blockReason') ?? text(answer.value.body, 'candidates', 0, 'finishReason');
        return http.fail('rejected', `Gemini answered without an image${reason ? ` (${reason})` : ''}`);
      }
      return ok({
        bytes: Buffer.from(text(image, 'inlineData', 'data') ?? '', 'base64'),
        mimeType: text(image, 'inlineData', 'mimeType') ?? 'image/png',
      });
    },
  };
}
