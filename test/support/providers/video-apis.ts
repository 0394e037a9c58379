// Loopback fakes of the asynchronous video APIs: Kling (JWT from access key + secret key, tasks that
// go submitted → processing → succeed) and Seedance on ModelArk (tasks queued → running → succeeded).
// A prompt containing FAIL500 makes each answer a server error; FORBIDDEN makes the task fail.
import { randomUUID } from 'node:crypto';
import { bearer, nowSeconds, sendJson, startFakeApi, verifyHs256, type FakeApi } from './fake-api.ts';

interface Task {
  polls: number;
  prompt: string;
}

export function fakeKling(keys: { accessKey: string; secretKey: string }, options: { runningPolls?: number } = {}): Promise<FakeApi> {
  const tasks = new Map<string, Task>();
  return startFakeApi((req, res, origin) => {
    const requestId = randomUUID();
    const token = bearer(req.headers);
    try {
      const { payload } = verifyHs256(token ?? '', keys.secretKey);
      if (payload.iss !== keys.accessKey) throw new Error('unknown access key');
      if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds()) throw new Error('expired');
      if (typeof payload.nbf !== 'number' || payload.nbf > nowSeconds()) throw new Error('not yet valid');
    } catch {
      return sendJson(res, 401, { code: 1002, message: 'Authorization is invalid', request_id: requestId });
    }
    const submit = /^\/v1\/videos\/(text2video|image2video)$/.exec(req.path);
    if (req.method === 'POST' && submit) {
      const body = req.json();
      const prompt = String(body.prompt ?? '');
      if (prompt.includes('FAIL500')) return sendJson(res, 500, { code: 5000, message: 'Server internal error', request_id: requestId });
      if (!['5', '10'].includes(body.duration)) return sendJson(res, 400, { code: 1201, message: 'duration must be 5 or 10', request_id: requestId });
      if (submit[1] === 'text2video' && !['16:9', '9:16', '1:1'].includes(body.aspect_ratio)) {
        return sendJson(res, 400, { code: 1201, message: 'aspect_ratio value is invalid', request_id: requestId });
      }
      if (submit[1] === 'image2video' && !body.image) return sendJson(res, 400, { code: 1201, message: 'image is required', request_id: requestId });
      const taskId = String(Date.now()) + tasks.size;
      tasks.set(`${submit[1]}/${taskId}`, { polls: 0, prompt });
      return sendJson(res, 200, { code: 0, message: 'SUCCEED', request_id: requestId, data: { task_id: taskId, task_status: 'submitted', created_at: Date.now(), updated_at: Date.now() } });
    }
    const query = /^\/v1\/videos\/(text2video|image2video)\/(\w+)$/.exec(req.path);
    const task = query ? tasks.get(`${query[1]}/${query[2]}`) : undefined;
    if (req.method === 'GET' && query && task) {
      task.polls += 1;
      const data = { task_id: query[2], created_at: Date.now(), updated_at: Date.now() };
      if (task.polls <= (options.runningPolls ?? 2)) {
        return sendJson(res, 200, { code: 0, message: 'SUCCEED', request_id: requestId, data: { ...data, task_status: task.polls === 1 ? 'submitted' : 'processing' } });
      }
      if (task.prompt.includes('FORBIDDEN')) {
        return sendJson(res, 200, { code: 0, message: 'SUCCEED', request_id: requestId, data: { ...data, task_status: 'failed', task_status_msg: 'Content failed the safety review' } });
      }
      return sendJson(res, 200, {
        code: 0,
        message: 'SUCCEED',
        request_id: requestId,
        data: { ...data, task_status: 'succeed', task_result: { videos: [{ id: 'v1', url: `${origin}/videos/${query[2]}.mp4`, duration: '5.1' }] } },
      });
    }
    sendJson(res, 404, { code: 1203, message: 'resource not found', request_id: requestId });
  });
}

export function fakeSeedance(apiKey: string, options: { runningPolls?: number } = {}): Promise<FakeApi> {
  const tasks = new Map<string, Task & { model: string }>();
  return startFakeApi((req, res, origin) => {
    if (bearer(req.headers) !== apiKey) {
      return sendJson(res, 401, { error: { code: 'AuthenticationError', message: 'The API key in the request is missing or invalid.', type: 'Unauthorized' } });
    }
    if (req.method === 'POST' && req.path === '/api/v3/contents/generations/tasks') {
      const body = req.json();
      const text = body.content?.find((item: { type: string }) => item.type === 'text')?.text ?? '';
      if (text.includes('FAIL500')) return sendJson(res, 500, { error: { code: 'InternalServiceError', message: 'The service encountered an unexpected internal error.' } });
      if (!body.model) return sendJson(res, 400, { error: { code: 'MissingParameter', message: 'The request is missing the model parameter.', param: 'model' } });
      if (!['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', 'adaptive'].includes(body.ratio)) {
        return sendJson(res, 400, { error: { code: 'InvalidParameter', message: `The parameter ratio specified in the request is not valid: ${body.ratio}`, param: 'ratio' } });
      }
      const id = `cgt-${Date.now()}-${tasks.size}`;
      tasks.set(id, { polls: 0, prompt: text, model: body.model });
      return sendJson(res, 200, { id });
    }
    const get = /^\/api\/v3\/contents\/generations\/tasks\/([\w-]+)$/.exec(req.path);
    const task = get?.[1] ? tasks.get(get[1]) : undefined;
    if (req.method === 'GET' && get && task) {
      task.polls += 1;
      const base = { id: get[1], model: task.model, created_at: nowSeconds(), updated_at: nowSeconds() };
      if (task.polls <= (options.runningPolls ?? 2)) return sendJson(res, 200, { ...base, status: task.polls === 1 ? 'queued' : 'running' });
      if (task.prompt.includes('FORBIDDEN')) {
        return sendJson(res, 200, { ...base, status: 'failed', error: { code: 'OutputVideoSensitiveContentDetected', message: 'The generated video may contain sensitive content.' } });
      }
      return sendJson(res, 200, { ...base, status: 'succeeded', content: { video_url: `${origin}/outputs/${get[1]}.mp4` }, usage: { completion_tokens: 108900 } });
    }
    sendJson(res, 404, { error: { code: 'ResourceNotFound', message: 'The specified task is not found.' } });
  });
}
