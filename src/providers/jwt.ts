// Short-lived HS256 tokens, as Kling (access key + secret key) and Ghost (Admin API key) require.
import { createHmac } from 'node:crypto';

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export function signHs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: Buffer | string): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...header }))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
}
