// Liveness and readiness for load balancers: /healthz says the process answers, /readyz that the
// store does too (a replica without its store must not receive Slack traffic).
import type { CustomRoute } from '@slack/bolt';

const READY_TIMEOUT_MS = 2000;

function reply(res: Parameters<CustomRoute['handler']>[1], status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function healthRoutes(storeReady: () => Promise<void>): CustomRoute[] {
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => reply(res, 200, { ok: true }) },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`store did not answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        });
        Promise.race([storeReady(), timeout])
          .then(() => reply(res, 200, { ok: true, store: 'reachable' }))
          .catch((error: unknown) =>
            reply(res, 503, { ok: false, store: 'unreachable', reason: error instanceof Error ? error.message : String(error) }),
          )
          .finally(() => clearTimeout(timer));
      },
    },
  ];
}
