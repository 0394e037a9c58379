// Seedance on BytePlus ModelArk (or Volcengine Ark): a content generation task created, then read
// back until it succeeds with `content.video_url` (kept by the provider for 24 hours).
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { joinUrl, providerHttp, text } from '../http.ts';
import { generateVideo } from '../poll.ts';
import { ok, type VideoProvider } from '../port.ts';

const FAILED = new Set(['failed', 'cancelled', 'expired']);

export function seedance(settings: FieldValues, env: AdapterEnv): VideoProvider {
  const apiKey = settings.apiKey ?? '';
  const base = settings.baseUrl ?? DEFAULTS.seedance.baseUrl;
  const headers = { authorization: `Bearer ${apiKey}` };
  const http = providerHttp(
    { provider: 'seedance', label: 'Seedance', secrets: [apiKey], readError: (body) => text(body, 'error', 'message') },
    env,
  );

  const video: Pick<VideoProvider, 'submit' | 'poll'> = {
    async submit(request) {
      const content: unknown[] = [{ type: 'text', text: request.prompt }];
      if (request.imageUrl) content.push({ type: 'image_url', image_url: { url: request.imageUrl }, role: 'first_frame' });
      const answer = await http.send({
        url: joinUrl(base, '/contents/generations/tasks'),
        headers,
        json: {
          model: settings.model ?? DEFAULTS.seedance.model,
          content,
          ratio: request.imageUrl ? 'adaptive' : request.aspect,
          duration: Math.round(request.durationSeconds ?? 5),
          watermark: false,
        },
      });
      if (!answer.ok) return answer;
      const id = text(answer.value.body, 'id');
      return id ? ok({ jobId: id }) : http.fail('unavailable', 'Seedance answered without a task id');
    },

    async poll(jobId) {
      const answer = await http.send({ url: joinUrl(base, `/contents/generations/tasks/${encodeURIComponent(jobId)}`), headers });
      if (!answer.ok) return answer;
      const task = answer.value.body;
      const status = text(task, 'status') ?? 'queued';
      if (FAILED.has(status)) return ok({ state: 'failed', message: text(task, 'error', 'message') ?? status });
      if (status !== 'succeeded') return ok({ state: 'running' });
      const url = text(task, 'content', 'video_url');
      return ok(url ? { state: 'succeeded', url } : { state: 'failed', message: 'succeeded without a video URL' });
    },
  };

  return { ...video, generate: (request) => generateVideo('seedance', 'Seedance', video, request, env.poll) };
}
