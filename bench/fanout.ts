// The weekly fan-out: 500 programs with active campaigns, one scheduler tick, every report posted
// through a proxy that enforces Slack's per-channel rate for chat.postMessage (about one message a
// second per channel) and injects 429s with Retry-After besides.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRACKS } from '../src/domain/metrics.ts';
import { initialProgramState } from '../src/store/repos/program-state.ts';
import { startHarness } from '../test/support/app-harness.ts';
import type { FakeSlack } from '../test/support/fake-slack.ts';
import { listenLoopback, readBody, sendJson } from '../test/support/http.ts';

export interface FanoutFigures {
  programs: number;
  seconds: number;
  posted: number;
  failed: number;
  /** Reports that reached a channel more than once. */
  duplicates: number;
  injected429: number;
  /** Posts refused because the channel had a message less than a second before. */
  perChannel429: number;
}

const PER_CHANNEL_INTERVAL_MS = 1000;

/** Forwards to the fake Slack; refuses chat.postMessage too soon after the last in its channel, and every `injectEvery`th. */
async function startRateLimiter(slack: FakeSlack, injectEvery: number) {
  const lastPost = new Map<string, number>();
  const counts = { posts: 0, injected: 0, perChannel: 0, landed: new Map<string, number>() };
  const limited = (res: ServerResponse) => sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
  const listening = await listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const method = new URL(req.url ?? '/', 'http://limiter').pathname.split('/').pop() ?? '';
    if (method === 'chat.postMessage') {
      const channel = new URLSearchParams(body.toString('utf8')).get('channel') ?? '';
      counts.posts += 1;
      if (counts.posts % injectEvery === 0) {
        counts.injected += 1;
        return limited(res);
      }
      const now = performance.now();
      if (now - (lastPost.get(channel) ?? -Infinity) < PER_CHANNEL_INTERVAL_MS) {
        counts.perChannel += 1;
        return limited(res);
      }
      lastPost.set(channel, now);
      counts.landed.set(channel, (counts.landed.get(channel) ?? 0) + 1);
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization']) if (req.headers[name]) headers[name] = String(req.headers[name]);
    const upstream = await fetch(`${slack.apiUrl}${method}`, { method: 'POST', headers, body: new Uint8Array(body) });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  return { apiUrl: `${listening.origin}/api/`, counts, close: () => listening.close() };
}

export async function weeklyFanout(slack: FakeSlack, programs: number, injectEvery: number): Promise<FanoutFigures> {
  const limiter = await startRateLimiter(slack, injectEvery);
  const h = await startHarness({ slack, env: { SLACK_API_URL: limiter.apiUrl } });
  try {
    await h.app.scheduler.idle(); // the start's catch-up pass, before any program exists
    const startedAt = new Date(Date.now() - 24 * 60 * 60 * 1000);
    const execution = { planId: 'PLAN-1', planVersion: 1, activeTracks: [...TRACKS], startedBy: { userId: 'U0PERSON01', surface: 'action' as const }, startedAt };
    for (let i = 0; i < programs; i += 1) {
      const program = { teamId: 'T0FANOUT01', channelId: `C0FAN${String(i).padStart(5, '0')}` };
      if (!(await h.app.services.repos.programs.save(program, 0, { ...initialProgramState(), execution }, startedAt))) throw new Error('seeding failed');
    }
    const started = performance.now();
    const summary = await h.app.scheduler.tick('weekly');
    const seconds = (performance.now() - started) / 1000;
    const landed = [...limiter.counts.landed.values()];
    return {
      programs,
      seconds,
      posted: summary.posted,
      failed: summary.failed,
      duplicates: landed.filter((n) => n > 1).length,
      injected429: limiter.counts.injected,
      perChannel429: limiter.counts.perChannel,
    };
  } finally {
    await h.stop();
    await limiter.close();
  }
}
