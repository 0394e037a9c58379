// Loopback fakes of X (v2 media upload + POST /2/tweets), LinkedIn (versioned Images + Posts APIs)
// and Buffer (form-encoded updates), keeping what was posted so tests can look at it.
// Text containing FAIL500 makes each answer a server error.
import { randomUUID } from 'node:crypto';
import { bearer, sendJson, startFakeApi, type FakeApi } from './fake-api.ts';

export type FakePublisher = FakeApi & { posts: any[]; media: Map<string, Buffer> };

async function withState(start: (posts: any[], media: Map<string, Buffer>) => Promise<FakeApi>): Promise<FakePublisher> {
  const posts: any[] = [];
  const media = new Map<string, Buffer>();
  return Object.assign(await start(posts, media), { posts, media });
}

export function fakeX(token: string): Promise<FakePublisher> {
  return withState((posts, media) =>
    startFakeApi((req, res) => {
      if (bearer(req.headers) !== token) return sendJson(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      const body = req.json();
      if (req.method === 'POST' && req.path === '/2/media/upload') {
        if (!body.media || !body.media_category) {
          return sendJson(res, 400, { errors: [{ message: 'media and media_category are required' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.x.com/2/problems/invalid-request' });
        }
        const id = String(1_880_000_000_000_000_000n + BigInt(media.size));
        media.set(id, Buffer.from(body.media, 'base64'));
        return sendJson(res, 200, { data: { id, media_key: `3_${id}`, size: media.get(id)?.length, expires_after_secs: 86400, image: { image_type: body.media_type } } });
      }
      if (req.method === 'POST' && req.path === '/2/tweets') {
        if (String(body.text).includes('FAIL500')) return sendJson(res, 503, { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 });
        if (posts.some((post) => post.text === body.text)) {
          return sendJson(res, 403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
        }
        for (const id of body.media?.media_ids ?? []) {
          if (!media.has(id)) return sendJson(res, 400, { errors: [{ parameters: { 'media.media_ids': [id] }, message: 'Your media IDs are invalid.' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.x.com/2/problems/invalid-request' });
        }
        const id = String(1_990_000_000_000_000_000n + BigInt(posts.length));
        posts.push({ id, ...body });
        return sendJson(res, 201, { data: { id, text: body.text, edit_history_tweet_ids: [id] } });
      }
      sendJson(res, 404, { title: 'Not Found Error', detail: `no route ${req.path}`, status: 404 });
    }),
  );
}

export function fakeLinkedIn(token: string): Promise<FakePublisher> {
  return withState((posts, media) =>
    startFakeApi((req, res, origin) => {
      const upload = /^\/upload\/([\w-]+)$/.exec(req.path);
      if (req.method === 'PUT' && upload?.[1]) {
        if (bearer(req.headers) !== token) return sendJson(res, 401, { status: 401, message: 'Invalid access token' });
        media.set(`urn:li:image:${upload[1]}`, req.body);
        res.writeHead(201).end();
        return;
      }
      if (bearer(req.headers) !== token) return sendJson(res, 401, { status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' });
      const version = req.headers['linkedin-version'];
      if (typeof version !== 'string' || !/^\d{6}$/.test(version)) {
        return sendJson(res, 400, { status: 400, code: 'VERSION_MISSING', message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.' });
      }
      if (req.headers['x-restli-protocol-version'] !== '2.0.0') return sendJson(res, 400, { status: 400, message: 'Rest.li protocol 2.0.0 is required' });
      const body = req.json();
      if (req.method === 'POST' && req.path === '/rest/images' && req.query.get('action') === 'initializeUpload') {
        const key = randomUUID();
        return sendJson(res, 200, { value: { uploadUrlExpiresAt: Date.now() + 3_600_000, uploadUrl: `${origin}/upload/${key}`, image: `urn:li:image:${key}` } });
      }
      if (req.method === 'POST' && req.path === '/rest/posts') {
        if (String(body.commentary).includes('FAIL500')) return sendJson(res, 500, { status: 500, message: 'Internal Server Error' });
        if (!/^urn:li:(person|organization):/.test(body.author ?? '')) return sendJson(res, 422, { status: 422, message: 'ERROR :: /author :: is not a valid urn' });
        const images = [body.content?.media, ...(body.content?.multiImage?.images ?? [])].filter(Boolean);
        for (const image of images) {
          if (!media.has(image.id)) return sendJson(res, 400, { status: 400, message: `Image ${image.id} has not been uploaded` });
        }
        const id = `urn:li:share:${7_000_000_000 + posts.length}`;
        posts.push({ id, ...body });
        res.writeHead(201, { 'x-restli-id': id, 'content-length': '0' }).end();
        return;
      }
      sendJson(res, 404, { status: 404, message: `No route ${req.path}` });
    }),
  );
}

export function fakeBuffer(token: string): Promise<FakePublisher> {
  return withState((posts) =>
    startFakeApi((req, res) => {
      const form = new URLSearchParams(req.body.toString('utf8'));
      if (req.method !== 'POST' || req.path !== '/1/updates/create.json') return sendJson(res, 404, { success: false, message: 'Endpoint not found', code: 404 });
      if (form.get('access_token') !== token) return sendJson(res, 401, { success: false, message: 'OAuth token is invalid or has expired', code: 401 });
      const text = form.get('text') ?? '';
      if (text.includes('FAIL500')) return sendJson(res, 500, { success: false, message: 'An unknown error occurred', code: 1000 });
      const profiles = form.getAll('profile_ids[]');
      if (profiles.length === 0) return sendJson(res, 400, { success: false, message: 'Please select at least one account to post from.', code: 1004 });
      const updates = profiles.map((profile) => {
        const update = { id: randomUUID().replaceAll('-', '').slice(0, 24), profile_id: profile, text, status: 'buffer', media: form.get('media[photo]') ? { photo: form.get('media[photo]') } : undefined, scheduled_at: form.get('scheduled_at') };
        posts.push(update);
        return update;
      });
      sendJson(res, 200, { success: true, buffer_count: posts.length, buffer_percentage: posts.length * 10, updates });
    }),
  );
}
