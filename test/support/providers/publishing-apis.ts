// Loopback fakes of Ghost's Admin API (verifies the HS256 token with the key's hex-decoded secret,
// takes multipart image uploads and html posts) and Resend (POST /emails).
// Text containing FAIL500 makes each answer a server error.
import { randomUUID } from 'node:crypto';
import { nowSeconds, sendJson, startFakeApi, verifyHs256 } from './fake-api.ts';
import type { FakePublisher } from './social-apis.ts';

export async function fakeGhost(adminApiKey: string): Promise<FakePublisher> {
  const [keyId, hexSecret] = adminApiKey.split(':') as [string, string];
  const posts: any[] = [];
  const media = new Map<string, Buffer>();
  const api = await startFakeApi(async (req, res, origin) => {
    const unauthorized = (context: string) => sendJson(res, 401, { errors: [{ message: 'Authorization failed', context, type: 'UnauthorizedError' }] });
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Ghost' || !token) return unauthorized('Authorization header format is "Authorization: Ghost [token]"');
    try {
      const { header, payload } = verifyHs256(token, Buffer.from(hexSecret, 'hex'));
      if (header.kid !== keyId) throw new Error('unknown kid');
      if (payload.aud !== '/admin/') throw new Error('wrong audience');
      const { iat, exp } = payload as { iat: number; exp: number };
      if (!(exp > nowSeconds() && exp - iat <= 5 * 60)) throw new Error('token lifetime');
    } catch (error) {
      return unauthorized(`Invalid token: ${(error as Error).message}`);
    }
    if (req.method === 'POST' && req.path === '/ghost/api/admin/images/upload/') {
      const file = (await req.form()).get('file');
      if (!(file instanceof Blob)) return sendJson(res, 422, { errors: [{ message: 'Please select an image.', type: 'ValidationError' }] });
      const name = (file as File).name ?? 'upload.png';
      const url = `${origin}/content/images/2026/11/${name}`;
      media.set(url, Buffer.from(await file.arrayBuffer()));
      return sendJson(res, 201, { images: [{ url, ref: null }] });
    }
    if (req.method === 'POST' && req.path === '/ghost/api/admin/posts/') {
      const post = req.json()?.posts?.[0];
      if (String(post?.html).includes('FAIL500')) return sendJson(res, 500, { errors: [{ message: 'An unexpected error occurred, please try again.', type: 'InternalServerError' }] });
      if (!post?.title) return sendJson(res, 422, { errors: [{ message: 'Validation error, cannot save post.', context: 'Value in [posts.title] cannot be blank.', type: 'ValidationError' }] });
      const slug = String(post.title).toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const stored = { id: randomUUID().replaceAll('-', '').slice(0, 24), ...post, slug, source: req.query.get('source'), url: `${origin}/${slug}/` };
      posts.push(stored);
      return sendJson(res, 201, { posts: [stored] });
    }
    sendJson(res, 404, { errors: [{ message: 'Resource not found', type: 'NotFoundError' }] });
  });
  return Object.assign(api, { posts, media });
}

export async function fakeResend(apiKey: string): Promise<FakePublisher> {
  const posts: any[] = [];
  // Resend answers a repeated Idempotency-Key with the first email's id and sends nothing again; the
  // same key with a different body is refused (docs: idempotency keys, "invalid_idempotent_request").
  const byKey = new Map<string, { id: string; body: string }>();
  const api = await startFakeApi((req, res) => {
    const auth = req.headers.authorization;
    if (!auth) return sendJson(res, 401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY' });
    if (auth !== `Bearer ${apiKey}`) return sendJson(res, 403, { statusCode: 403, name: 'invalid_api_key', message: 'API key is invalid' });
    if (req.method !== 'POST' || req.path !== '/emails') return sendJson(res, 404, { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' });
    const email = req.json();
    if (String(email.text).includes('FAIL500')) return sendJson(res, 500, { statusCode: 500, name: 'internal_server_error', message: 'An unexpected error occurred.' });
    for (const field of ['from', 'to', 'subject']) {
      if (!email[field]) return sendJson(res, 422, { statusCode: 422, name: 'validation_error', message: `The \`${field}\` field is missing.` });
    }
    const key = req.headers['idempotency-key'];
    const seen = typeof key === 'string' ? byKey.get(key) : undefined;
    if (seen) {
      if (seen.body !== JSON.stringify(email)) return sendJson(res, 409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' });
      return sendJson(res, 200, { id: seen.id });
    }
    const id = randomUUID();
    if (typeof key === 'string') byKey.set(key, { id, body: JSON.stringify(email) });
    posts.push({ id, ...email });
    sendJson(res, 200, { id });
  });
  return Object.assign(api, { posts, media: new Map<string, Buffer>() });
}
