// The bounded wait shared by asynchronous jobs (Replicate predictions, Kling and Seedance tasks):
// check, sleep, check again, and give up with the job id after a fixed number of checks.
import { ok, providerFail, type GeneratedMedia, type ProviderResult, type JobState, type VideoProvider, type VideoRequest } from './port.ts';

export interface PollOptions {
  intervalMs: number;
  maxAttempts: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitForJob(
  provider: string,
  label: string,
  jobId: string,
  check: () => Promise<ProviderResult<JobState>>,
  options: PollOptions,
): Promise<ProviderResult<{ url: string }>> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    const status = await check();
    if (!status.ok) return status;
    if (status.value.state === 'succeeded') return ok({ url: status.value.url });
    if (status.value.state === 'failed') return providerFail(provider, 'rejected', `${label} job ${jobId} failed: ${status.value.message}`);
    if (attempt < options.maxAttempts) await sleep(options.intervalMs);
  }
  return providerFail(provider, 'unavailable', `${label} job ${jobId} was still running after ${options.maxAttempts} checks`);
}

/** `generate` for every video provider: submit, then wait for the job. */
export async function generateVideo(
  provider: string,
  label: string,
  video: Pick<VideoProvider, 'submit' | 'poll'>,
  request: VideoRequest,
  options: PollOptions,
): Promise<ProviderResult<GeneratedMedia & { jobId: string }>> {
  const submitted = await video.submit(request);
  if (!submitted.ok) return submitted;
  const { jobId } = submitted.value;
  const done = await waitForJob(provider, label, jobId, () => video.poll(jobId), options);
  return done.ok ? ok({ url: done.value.url, mimeType: 'video/mp4', jobId }) : done;
}
