// Replicate: create a prediction for an official model (or a pinned version), then poll its
// `urls.get` until it succeeds; the output is one URL or a list of them.
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { field, joinUrl, providerHttp, text } from '../http.ts';
import { waitForJob } from '../poll.ts';
import { ok, type ImageProvider, type JobState, type ProviderResult } from '../port.ts';
import { describePrompt } from './prompt.ts';

const FAILED = new Set(['failed', 'canceled', 'aborted']);

export function replicate(settings: FieldValues, env: AdapterEnv): ImageProvider {
  const token = settings.apiToken ?? '';
  const base = settings.baseUrl ?? DEFAULTS.replicate.baseUrl;
  const [modelName, version] = (settings.model ?? DEFAULTS.replicate.model).split(':');
  const http = providerHttp(
    { provider: 'replicate', label: 'Replicate', secrets: [token], readError: (body) => text(body, 'detail') ?? text(body, 'title') },
    env,
  );
  const headers = { authorization: `Bearer ${token}` };

  // The token goes only to Replicate's own origin, whatever URL a response names.
  const pollUrl = (id: string, named: string | undefined) =>
    named && sameOrigin(named, base) ? named : joinUrl(base, `/predictions/${encodeURIComponent(id)}`);

  async function check(url: string): Promise<ProviderResult<JobState>> {
    const answer = await http.send({ url, headers });
    if (!answer.ok) return answer;
    return ok(stateOf(answer.value.body));
  }

  return {
    async generate(request) {
      const input = { prompt: describePrompt(request), aspect_ratio: request.aspect, num_outputs: 1 };
      const created = await http.send({
        url: version ? joinUrl(base, '/predictions') : joinUrl(base, `/models/${modelName}/predictions`),
        headers,
        json: version ? { version, input } : { input },
      });
      if (!created.ok) return created;
      const id = text(created.value.body, 'id');
      if (!id) return http.fail('unavailable', 'Replicate answered without a prediction id');
      const url = pollUrl(id, text(created.value.body, 'urls', 'get'));
      const done = await waitForJob('replicate', 'Replicate', id, () => check(url), env.poll);
      return done.ok ? ok({ url: done.value.url }) : done;
    },
  };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function stateOf(prediction: unknown): JobState {
  const status = text(prediction, 'status') ?? 'starting';
  if (FAILED.has(status)) return { state: 'failed', message: text(prediction, 'error') ?? status };
  if (status !== 'succeeded') return { state: 'running' };
  const output = field(prediction, 'output');
  const url = typeof output === 'string' ? output : Array.isArray(output) && typeof output[0] === 'string' ? output[0] : undefined;
  return url ? { state: 'succeeded', url } : { state: 'failed', message: 'succeeded without an output URL' };
}
