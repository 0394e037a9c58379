// What every adapter test needs: an adapter environment with instant polling, and one way to check
// a failure's code while proving the secret stayed out of it.
import assert from 'node:assert/strict';
import type { AdapterEnv } from '../../../src/providers/env.ts';

export function testEnv(overrides: Partial<AdapterEnv> = {}): AdapterEnv {
  return {
    fetch: (input, init) => fetch(input, init),
    timeoutMs: 5_000,
    poll: { intervalMs: 0, maxAttempts: 5, sleep: async () => undefined },
    now: () => new Date(),
    ...overrides,
  };
}

type AnyResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export function assertFails(result: AnyResult<unknown>, code: string, secrets: string[] = []): string {
  assert.equal(result.ok, false, `expected a ${code} failure, got ${JSON.stringify(result)}`);
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.code, code, result.message);
  for (const secret of secrets) assert.ok(!JSON.stringify(result).includes(secret), `the failure leaks a secret: ${result.message}`);
  return result.message;
}

export function assertOk<T>(result: AnyResult<T>): T {
  if (!result.ok) assert.fail(`expected success, got ${result.code}: ${result.message}`);
  return result.value;
}
