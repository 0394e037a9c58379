// Which adapter serves which provider id, by category, so callers ask for "the image provider
// openai_images" and get the port, never a vendor module.
import type { FieldValues, ProviderId } from './catalog.ts';
import type { AdapterEnv } from './env.ts';
import type { ImageProvider, Publisher, TemplateVideoProvider, VideoProvider } from './port.ts';
import { bufferPublisher } from './adapters/buffer.ts';
import { geminiImage } from './adapters/gemini-image.ts';
import { ghostPublisher } from './adapters/ghost.ts';
import { kling } from './adapters/kling.ts';
import { linkedInPublisher } from './adapters/linkedin.ts';
import { openAiImages } from './adapters/openai-images.ts';
import { remotion } from './adapters/remotion.ts';
import { replicate } from './adapters/replicate.ts';
import { resendPublisher } from './adapters/resend.ts';
import { seedance } from './adapters/seedance.ts';
import { xPublisher } from './adapters/x.ts';

type Factory<P> = (settings: FieldValues, env: AdapterEnv) => P;

export const IMAGE_ADAPTERS = { openai_images: openAiImages, replicate, gemini_image: geminiImage } satisfies Partial<Record<ProviderId, Factory<ImageProvider>>>;
export const VIDEO_ADAPTERS = { kling, seedance } satisfies Partial<Record<ProviderId, Factory<VideoProvider>>>;
export const TEMPLATE_VIDEO_ADAPTERS = { remotion } satisfies Partial<Record<ProviderId, Factory<TemplateVideoProvider>>>;
export const PUBLISHERS = {
  x: xPublisher,
  linkedin: linkedInPublisher,
  ghost: ghostPublisher,
  resend: resendPublisher,
  buffer: bufferPublisher,
} satisfies Partial<Record<ProviderId, Factory<Publisher>>>;

export type ImageProviderId = keyof typeof IMAGE_ADAPTERS;
export type VideoProviderId = keyof typeof VIDEO_ADAPTERS;
export type PublisherId = keyof typeof PUBLISHERS;
