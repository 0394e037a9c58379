// The providers ohmymkt can generate and publish through (rules §11), by category.
export const PROVIDER_CATEGORIES = ['image', 'video', 'video_template', 'publish'] as const;
export type ProviderCategory = (typeof PROVIDER_CATEGORIES)[number];

/** How a provider call can fail short of an answer: each has its own next step for a person. */
export const PROVIDER_FAILURE_CODES = ['not_configured', 'misconfigured', 'rejected', 'unavailable'] as const;
export type ProviderFailureCode = (typeof PROVIDER_FAILURE_CODES)[number];

export interface ProviderSpec {
  id: string;
  label: string;
  category: ProviderCategory;
  note?: string;
}

export const PROVIDERS: readonly ProviderSpec[] = [
  { id: 'openai_images', label: 'OpenAI Images', category: 'image' },
  { id: 'replicate', label: 'Replicate', category: 'image' },
  { id: 'gemini_image', label: 'Gemini image ("nano banana")', category: 'image' },
  { id: 'kling', label: 'Kling', category: 'video' },
  { id: 'seedance', label: 'Seedance', category: 'video' },
  { id: 'remotion', label: 'Remotion', category: 'video_template', note: 'renders a local project; needs a browser on the host (optional)' },
  { id: 'x', label: 'X', category: 'publish' },
  { id: 'linkedin', label: 'LinkedIn', category: 'publish' },
  { id: 'ghost', label: 'Ghost', category: 'publish' },
  { id: 'resend', label: 'Resend (email)', category: 'publish' },
  { id: 'buffer', label: 'Buffer', category: 'publish' },
];

export const CATEGORY_LABELS: Record<ProviderCategory, string> = {
  image: 'Image generation',
  video: 'AI video',
  video_template: 'Video from templates',
  publish: 'Publishing',
};
