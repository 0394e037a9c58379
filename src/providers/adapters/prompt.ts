// One way to fold style and things-to-avoid into a prompt, for models without fields for them.
import type { ImageRequest } from '../port.ts';

export function describePrompt(request: Pick<ImageRequest, 'prompt' | 'style' | 'negativePrompt'>): string {
  return [request.prompt, request.style && `Style: ${request.style}.`, request.negativePrompt && `Avoid: ${request.negativePrompt}.`]
    .filter(Boolean)
    .join('\n');
}
