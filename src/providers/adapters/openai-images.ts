// OpenAI Images: POST /images/generations answers with base64 image data (b64_json).
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { joinUrl, providerHttp, text } from '../http.ts';
import { ok, type ImageAspect, type ImageProvider } from '../port.ts';
import { describePrompt } from './prompt.ts';

// GPT image models take three sizes; 4:5 has no exact match, so the portrait size is the closest.
const SIZES: Record<ImageAspect, string> = { '1:1': '1024x1024', '16:9': '1536x1024', '9:16': '1024x1536', '4:5': '1024x1536' };

export function openAiImages(settings: FieldValues, env: AdapterEnv): ImageProvider {
  const apiKey = settings.apiKey ?? '';
  const model = settings.model ?? DEFAULTS.openai_images.model;
  const http = providerHttp(
    { provider: 'openai_images', label: 'OpenAI Images', secrets: [apiKey], readError: (body) => text(body, 'error', 'message') },
    env,
  );
  return {
    async generate(request) {
      const answer = await http.send({
        url: joinUrl(settings.baseUrl ?? DEFAULTS.openai_images.baseUrl, '/images/generations'),
        headers: { authorization: `Bearer ${apiKey}` },
        json: {
          model,
          prompt: describePrompt(request),
          n: 1,
          size: request.size ?? SIZES[request.aspect],
          // DALL·E models default to a hosted URL; GPT image models always answer in base64 and refuse the field.
          ...(model.startsWith('dall-e') ? { response_format: 'b64_json' } : {}),
        },
      });
      if (!answer.ok) return answer;
      const b64 = text(answer.value.body, 'data', 0, 'b64_json');
      if (!b64) return http.fail('unavailable', 'OpenAI Images answered without image data');
      return ok({ bytes: Buffer.from(b64, 'base64'), mimeType: 'image/png' });
    },
  };
}
