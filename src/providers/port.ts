// The provider port: what generation and publishing tools ask of an image, video or publishing
// provider, and the four ways a provider can say no — as values, never as exceptions.
import { ok, type Ok } from '../domain/result.ts';

import { PROVIDER_FAILURE_CODES, type ProviderFailureCode } from '../domain/providers.ts';
export { PROVIDER_FAILURE_CODES, type ProviderFailureCode };

export interface ProviderFailure {
  ok: false;
  code: ProviderFailureCode;
  provider: string;
  message: string;
}

export type ProviderResult<T> = Ok<T> | ProviderFailure;

export { ok };

export function providerFail(provider: string, code: ProviderFailureCode, message: string): ProviderFailure {
  return { ok: false, code, provider, message };
}

export const IMAGE_ASPECTS = ['1:1', '16:9', '9:16', '4:5'] as const;
export type ImageAspect = (typeof IMAGE_ASPECTS)[number];

export interface ImageRequest {
  prompt: string;
  style?: string;
  aspect: ImageAspect;
  /** Provider-specific size such as "1024x1024"; the aspect decides when absent. */
  size?: string;
  negativePrompt?: string;
}

/** Bytes when the provider answers with base64; a URL (often short-lived) when it hosts the file. */
export type GeneratedMedia = { bytes: Buffer; mimeType: string } | { url: string; mimeType?: string };

export interface ImageProvider {
  generate(request: ImageRequest): Promise<ProviderResult<GeneratedMedia>>;
}

export const VIDEO_ASPECTS = ['16:9', '9:16', '1:1'] as const;
export type VideoAspect = (typeof VIDEO_ASPECTS)[number];

export interface VideoRequest {
  prompt: string;
  /** Animate this image (image → video) instead of starting from text alone. */
  imageUrl?: string;
  durationSeconds?: number;
  aspect: VideoAspect;
  negativePrompt?: string;
}

export type JobState = { state: 'running' } | { state: 'succeeded'; url: string } | { state: 'failed'; message: string };

export interface VideoProvider {
  /** Starts the asynchronous job; the id is opaque to callers. */
  submit(request: VideoRequest): Promise<ProviderResult<{ jobId: string }>>;
  /** One status check; a finished job carries the URL of its video. */
  poll(jobId: string): Promise<ProviderResult<JobState>>;
  /** submit, then poll within the configured bound. */
  generate(request: VideoRequest): Promise<ProviderResult<GeneratedMedia & { jobId: string }>>;
}

export interface TemplateVideoRequest {
  /** Input props of the composition, handed to the renderer as JSON. */
  props: Record<string, unknown>;
}

export interface TemplateVideoProvider {
  render(request: TemplateVideoRequest): Promise<ProviderResult<GeneratedMedia>>;
}

export type MediaItem = ({ bytes: Buffer; mimeType: string } | { url: string; mimeType?: string }) & {
  filename?: string;
  altText?: string;
};

export interface PublishRequest {
  text: string;
  media?: MediaItem[];
  /** Platform-specific fields (title, subject, recipients, schedule…), checked by each publisher. */
  metadata?: Record<string, unknown>;
  /**
   * Names this one publication (a run's tool call, a person's click): a publisher whose platform takes
   * an idempotency key passes it, so a call repeated after a crash or a timeout publishes once.
   */
  idempotencyKey?: string;
}

export interface Published {
  id: string;
  url?: string;
  /** What the platform could not take (e.g. a video where only images attach). */
  notes?: string[];
}

export interface Publisher {
  publish(request: PublishRequest): Promise<ProviderResult<Published>>;
}
