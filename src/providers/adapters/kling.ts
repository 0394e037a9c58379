// Kling video: a task submitted to text2video (or image2video when an image is given), polled until
// it succeeds; every call carries a 30-minute HS256 token signed with the secret key, issued by the access key.
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { field, joinUrl, providerHttp, text } from '../http.ts';
import { signHs256 } from '../jwt.ts';
import { generateVideo } from '../poll.ts';
import { ok, type VideoProvider } from '../port.ts';

const TOKEN_LIFETIME_S = 30 * 60;
const KINDS = new Set(['text2video', 'image2video']);

export function kling(settings: FieldValues, env: AdapterEnv): VideoProvider {
  const accessKey = settings.accessKey ?? '';
  const secretKey = settings.secretKey ?? '';
  const base = settings.baseUrl ?? DEFAULTS.kling.baseUrl;
  const http = providerHttp(
    {
      provider: 'kling',
      label: 'Kling',
      secrets: [accessKey, secretKey],
      readError: (body) => text(body, 'message'),
      // 1100–1103: the account is in arrears, out of resource packs or lacks the permission — a person must act.
      classify: (_status, body) => {
        const code = field(body, 'code');
        return typeof code === 'number' && code >= 1100 && code <= 1103 ? 'misconfigured' : undefined;
      },
    },
    env,
  );

  const authorization = () => {
    const now = Math.floor(env.now().getTime() / 1000);
    // nbf a few seconds back tolerates a little clock skew between us and Kling.
    return `Bearer ${signHs256({}, { iss: accessKey, exp: now + TOKEN_LIFETIME_S, nbf: now - 5 }, secretKey)}`;
  };

  const video: Pick<VideoProvider, 'submit' | 'poll'> = {
    async submit(request) {
      const kind = request.imageUrl ? 'image2video' : 'text2video';
      const answer = await http.send({
        url: joinUrl(base, `/v1/videos/${kind}`),
        headers: { authorization: authorization() },
        json: {
          model_name: settings.model ?? DEFAULTS.kling.model,
          prompt: request.prompt,
          ...(request.negativePrompt ? { negative_prompt: request.negativePrompt } : {}),
          ...(request.imageUrl ? { image: request.imageUrl } : { aspect_ratio: request.aspect }),
          duration: (request.durationSeconds ?? 5) > 7 ? '10' : '5',
          mode: 'std',
        },
      });
      if (!answer.ok) return answer;
      const taskId = text(answer.value.body, 'data', 'task_id');
      if (field(answer.value.body, 'code') !== 0 || !taskId) {
        return http.fail('rejected', `Kling refused the task: ${text(answer.value.body, 'message') ?? 'no task id'}`);
      }
      return ok({ jobId: `${kind}/${taskId}` });
    },

    async poll(jobId) {
      const [kind, taskId] = jobId.split('/');
      if (!kind || !KINDS.has(kind) || !taskId) return http.fail('rejected', `"${jobId}" is not a Kling job id`);
      const answer = await http.send({
        url: joinUrl(base, `/v1/videos/${kind}/${encodeURIComponent(taskId)}`),
        headers: { authorization: authorization() },
      });
      if (!answer.ok) return answer;
      const data = field(answer.value.body, 'data');
      const status = text(data, 'task_status');
      if (status === 'failed') return ok({ state: 'failed', message: text(data, 'task_status_msg') ?? 'no reason given' });
      if (status !== 'succeed') return ok({ state: 'running' });
      const url = text(data, 'task_result', 'videos', 0, 'url');
      return ok(url ? { state: 'succeeded', url } : { state: 'failed', message: 'succeeded without a video URL' });
    },
  };

  return { ...video, generate: (request) => generateVideo('kling', 'Kling', video, request, env.poll) };
}
