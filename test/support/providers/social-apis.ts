// Loopback fakes of X (v2 media upload + POST /2/tweets), LinkedIn (versioned Images, Videos and Posts
// APIs) and Buffer (form-encoded updates), keeping what was posted so tests can look at it.
// Text containing FAIL500 makes each answer a server error. The video uploads are as strict as the
// real APIs about order and completeness; a video whose bytes start with BADVIDEO fails processing,
// one starting with SLOWVIDEO never finishes.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { bearer, sendJson, startFakeApi, type FakeApi } from './fake-api.ts';

export type FakePublisher = FakeApi & { posts: any[]; media: Map<string, Buffer> };

async function withState(start: (posts: any[], media: Map<string, Buffer>) => Promise<FakeApi>): Promise<FakePublisher> {
  const posts: any[] = [];
  const media = new Map<string, Buffer>();
  return Object.assign(await start(posts, media), { posts, media });
}

/** How a fake video fares in processing, read from the first bytes. */
function processingFate(bytes: Buffer | undefined): 'ok' | 'bad' | 'slow' {
  const head = bytes?.subarray(0, 9).toString('latin1') ?? '';
  return head.startsWith('BADVIDEO') ? 'bad' : head.startsWith('SLOWVIDEO') ? 'slow' : 'ok';
}

export interface FakeXOptions {
  /** Largest APPEND segment taken (X: keep segments ≤ 5 MB). */
  maxSegmentBytes?: number;
  /** STATUS checks that answer in_progress before a video has succeeded. */
  processingPolls?: number;
}

interface XUpload {
  totalBytes: number;
  mediaType: string;
  segments: Map<number, Buffer>;
  state: 'uploading' | 'pending' | 'in_progress' | 'succeeded' | 'failed';
  polls: number;
}

const X_MEDIA_TYPES = ['video/mp4', 'video/webm', 'video/mp2t', 'video/quicktime', 'image/jpeg', 'image/gif', 'image/png', 'image/webp'];
const X_CATEGORIES = ['amplify_video', 'tweet_gif', 'tweet_image', 'tweet_video', 'dm_gif', 'dm_image', 'dm_video', 'subtitles'];

function xProblem(res: ServerResponse, status: number, detail: string): void {
  const title = status === 413 ? 'Payload Too Large' : 'Invalid Request';
  sendJson(res, status, { title, detail, type: 'https://api.x.com/2/problems/invalid-request', status });
}

export function fakeX(token: string, options: FakeXOptions = {}): Promise<FakePublisher & { uploads: Map<string, XUpload> }> {
  const maxSegmentBytes = options.maxSegmentBytes ?? 5 * 1024 * 1024;
  const processingPolls = options.processingPolls ?? 2;
  const uploads = new Map<string, XUpload>();
  const newId = (media: Map<string, Buffer>) => String(1_880_000_000_000_000_000n + BigInt(media.size + uploads.size));
  const started = withState((posts, media) =>
    startFakeApi(async (req, res) => {
      if (bearer(req.headers) !== token) return sendJson(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });

      // One-call upload (images): base64 media in a JSON body.
      if (req.method === 'POST' && req.path === '/2/media/upload') {
        const body = req.json();
        if (!body.media || !body.media_category) {
          return sendJson(res, 400, { errors: [{ message: 'media and media_category are required' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.x.com/2/problems/invalid-request' });
        }
        if (/video|gif/.test(body.media_category)) return xProblem(res, 400, `${body.media_category} needs the chunked upload`);
        const id = newId(media);
        media.set(id, Buffer.from(body.media, 'base64'));
        return sendJson(res, 200, { data: { id, media_key: `3_${id}`, size: media.get(id)?.length, expires_after_secs: 86400, image: { image_type: body.media_type } } });
      }

      // Chunked upload, step 1: declare size, type and use.
      if (req.method === 'POST' && req.path === '/2/media/upload/initialize') {
        const body = req.json() ?? {};
        if (!Number.isSafeInteger(body.total_bytes) || body.total_bytes <= 0) return xProblem(res, 400, 'total_bytes must be a positive integer');
        if (!X_MEDIA_TYPES.includes(body.media_type)) return xProblem(res, 400, `media_type ${body.media_type} is not supported`);
        if (body.media_category !== undefined && !X_CATEGORIES.includes(body.media_category)) return xProblem(res, 400, `media_category ${body.media_category} is not valid`);
        const id = newId(media);
        uploads.set(id, { totalBytes: body.total_bytes, mediaType: body.media_type, segments: new Map(), state: 'uploading', polls: 0 });
        return sendJson(res, 200, { data: { id, media_key: `7_${id}`, expires_after_secs: 86399 } });
      }

      const step = /^\/2\/media\/upload\/(\d+)\/(append|finalize)$/.exec(req.path);
      if (req.method === 'POST' && step) {
        const [, id = '', command] = step;
        const upload = uploads.get(id);
        if (!upload) return xProblem(res, 400, `media id ${id} was not initialized`);
        if (upload.state !== 'uploading') return xProblem(res, 400, `media id ${id} is already finalized`);

        if (command === 'append') {
          if (!String(req.headers['content-type']).startsWith('multipart/form-data')) return xProblem(res, 400, 'APPEND takes multipart/form-data');
          const form = await req.form();
          const index = Number(form.get('segment_index') ?? NaN);
          const part = form.get('media');
          if (!Number.isInteger(index) || index < 0 || index > 999) return xProblem(res, 400, 'segment_index must be an integer from 0 to 999');
          if (!(part instanceof Blob)) return xProblem(res, 400, 'media is required');
          const bytes = Buffer.from(await part.arrayBuffer());
          if (bytes.length > maxSegmentBytes) return xProblem(res, 413, `segment ${index} is ${bytes.length} bytes; segments may be at most ${maxSegmentBytes} bytes`);
          upload.segments.set(index, bytes);
          const received = [...upload.segments.values()].reduce((sum, b) => sum + b.length, 0);
          if (received > upload.totalBytes) return xProblem(res, 400, `more bytes appended (${received}) than total_bytes (${upload.totalBytes})`);
          return sendJson(res, 200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86_000 } });
        }

        // finalize: every segment from 0 up, adding up to exactly total_bytes.
        const indexes = [...upload.segments.keys()].sort((a, b) => a - b);
        if (indexes.length === 0) return xProblem(res, 400, 'no segments were appended');
        if (indexes.some((value, i) => value !== i)) return xProblem(res, 400, `segments are missing: got ${indexes.join(', ')}`);
        const bytes = Buffer.concat(indexes.map((i) => upload.segments.get(i)!));
        if (bytes.length !== upload.totalBytes) return xProblem(res, 400, `file size mismatch: total_bytes was ${upload.totalBytes}, received ${bytes.length}`);
        media.set(id, bytes);
        const video = upload.mediaType.startsWith('video/');
        upload.state = video ? 'pending' : 'succeeded';
        return sendJson(res, 200, { data: { id, media_key: `7_${id}`, size: bytes.length, expires_after_secs: 86400, ...(video ? { processing_info: { state: 'pending', check_after_secs: 1 } } : {}) } });
      }

      if (req.method === 'GET' && req.path === '/2/media/upload') {
        if (req.query.get('command') !== 'STATUS') return xProblem(res, 400, 'command must be STATUS');
        const id = req.query.get('media_id') ?? '';
        const upload = uploads.get(id);
        if (!upload) return xProblem(res, 400, `media id ${id} is not known`);
        if (upload.state === 'uploading') return xProblem(res, 400, `media id ${id} has not been finalized`);
        if (upload.state === 'pending' || upload.state === 'in_progress') {
          upload.polls += 1;
          const fate = processingFate(media.get(id));
          if (fate === 'bad') upload.state = 'failed';
          else if (fate === 'ok' && upload.polls > processingPolls) upload.state = 'succeeded';
          else upload.state = 'in_progress';
        }
        const info =
          upload.state === 'failed'
            ? { state: 'failed', progress_percent: 12, error: { code: 1, name: 'InvalidMedia', message: 'Unsupported video format' } }
            : upload.state === 'succeeded'
              ? { state: 'succeeded', progress_percent: 100 }
              : { state: 'in_progress', check_after_secs: 2, progress_percent: 40 };
        return sendJson(res, 200, { data: { id, media_key: `7_${id}`, expires_after_secs: 86000, processing_info: info } });
      }

      if (req.method === 'POST' && req.path === '/2/tweets') {
        const body = req.json();
        if (String(body.text).includes('FAIL500')) return sendJson(res, 503, { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 });
        if (posts.some((post) => post.text === body.text)) {
          return sendJson(res, 403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
        }
        const ids: string[] = body.media?.media_ids ?? [];
        for (const id of ids) {
          if (!media.has(id)) return sendJson(res, 400, { errors: [{ parameters: { 'media.media_ids': [id] }, message: 'Your media IDs are invalid.' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.x.com/2/problems/invalid-request' });
          const upload = uploads.get(id);
          if (upload && upload.state !== 'succeeded') return xProblem(res, 400, `media ${id} is not ready to be attached (${upload.state})`);
          if (upload?.mediaType.startsWith('video/') && ids.length > 1) return xProblem(res, 400, 'a Post takes one video and no other media');
        }
        const id = String(1_990_000_000_000_000_000n + BigInt(posts.length));
        posts.push({ id, ...body });
        return sendJson(res, 201, { data: { id, text: body.text, edit_history_tweet_ids: [id] } });
      }
      sendJson(res, 404, { title: 'Not Found Error', detail: `no route ${req.path}`, status: 404 });
    }),
  );
  return started.then((api) => Object.assign(api, { uploads }));
}

export interface FakeLinkedInOptions {
  /** Bytes per upload part in initializeUpload's instructions (LinkedIn: 4 MiB). */
  partBytes?: number;
  /** Status checks that answer PROCESSING before a video is AVAILABLE. */
  processingPolls?: number;
}

interface LinkedInVideo {
  owner: string;
  uploadToken: string;
  /** Stands in for the signature of LinkedIn's pre-signed part URLs. */
  signature: string;
  parts: Array<{ firstByte: number; lastByte: number; etag?: string; bytes?: Buffer }>;
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';
  polls: number;
}

const URN_OWNER = /^urn:li:(person|organization):[\w-]+$/;

function liError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { status, message });
}

export function fakeLinkedIn(token: string, options: FakeLinkedInOptions = {}): Promise<FakePublisher & { videos: Map<string, LinkedInVideo> }> {
  const partBytes = options.partBytes ?? 4 * 1024 * 1024;
  const processingPolls = options.processingPolls ?? 2;
  const videos = new Map<string, LinkedInVideo>();
  const started = withState((posts, media) =>
    startFakeApi((req, res, origin) => {
      const upload = /^\/upload\/([\w-]+)$/.exec(req.path);
      if (req.method === 'PUT' && upload?.[1]) {
        if (bearer(req.headers) !== token) return sendJson(res, 401, { status: 401, message: 'Invalid access token' });
        media.set(`urn:li:image:${upload[1]}`, req.body);
        res.writeHead(201).end();
        return;
      }

      // A video part goes to its own pre-signed URL; the signature in the URL is the credential.
      const part = /^\/dms-uploads\/([\w-]+)\/part\/(\d+)$/.exec(req.path);
      if (req.method === 'PUT' && part) {
        const video = videos.get(`urn:li:video:${part[1]}`);
        const slot = video?.parts[Number(part[2])];
        if (!video || !slot || req.query.get('sig') !== video.signature) return liError(res, 403, 'Upload URL is not valid');
        if (video.status !== 'WAITING_UPLOAD') return liError(res, 400, 'The upload of this video is already finalized');
        const expected = slot.lastByte - slot.firstByte + 1;
        if (req.body.length !== expected) return liError(res, 400, `Part ${part[2]} must be ${expected} bytes, got ${req.body.length}`);
        slot.bytes = req.body;
        slot.etag = `/ambry-video/${part[1]}-${part[2]}-${randomUUID().slice(0, 8)}`;
        res.writeHead(200, { etag: slot.etag, 'content-length': '0' }).end();
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

      if (req.method === 'POST' && req.path === '/rest/videos' && req.query.get('action') === 'initializeUpload') {
        const request = body?.initializeUploadRequest;
        if (!URN_OWNER.test(request?.owner ?? '')) return liError(res, 422, 'ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value');
        if (!Number.isSafeInteger(request.fileSizeBytes) || request.fileSizeBytes <= 0) {
          return liError(res, 422, 'ERROR :: /initializeUploadRequest/fileSizeBytes :: field is required but not found and has no default value');
        }
        const key = randomUUID().replaceAll('-', '');
        const urn = `urn:li:video:${key}`;
        const size: number = request.fileSizeBytes;
        const parts = Array.from({ length: Math.ceil(size / partBytes) }, (_, i) => ({ firstByte: i * partBytes, lastByte: Math.min(size, (i + 1) * partBytes) - 1 }));
        // One part needs no token; several do, and finalize must hand it back.
        const uploadToken = parts.length > 1 ? randomUUID() : '';
        const signature = randomUUID().slice(0, 8);
        videos.set(urn, { owner: request.owner, uploadToken, signature, parts, status: 'WAITING_UPLOAD', polls: 0 });
        return sendJson(res, 200, {
          value: {
            uploadUrlsExpireAt: Date.now() + 86_400_000,
            video: urn,
            uploadInstructions: parts.map((p, i) => ({ uploadUrl: `${origin}/dms-uploads/${key}/part/${i}?sig=${signature}`, firstByte: p.firstByte, lastByte: p.lastByte })),
            uploadToken,
          },
        });
      }

      if (req.method === 'POST' && req.path === '/rest/videos' && req.query.get('action') === 'finalizeUpload') {
        const request = body?.finalizeUploadRequest;
        const video = videos.get(request?.video ?? '');
        if (!video) return liError(res, 404, `Video ${request?.video} not found`);
        if (video.status !== 'WAITING_UPLOAD') return liError(res, 400, 'The upload of this video is already finalized');
        if (typeof request.uploadToken !== 'string') return liError(res, 422, 'ERROR :: /finalizeUploadRequest/uploadToken :: field is required but not found and has no default value');
        if (request.uploadToken !== video.uploadToken) return liError(res, 400, 'uploadToken does not match the upload');
        const missing = video.parts.findIndex((p) => !p.etag);
        if (missing >= 0) return liError(res, 400, `Part ${missing} of the video has not been uploaded`);
        const etags = video.parts.map((p) => p.etag);
        if (JSON.stringify(request.uploadedPartIds) !== JSON.stringify(etags)) return liError(res, 400, 'uploadedPartIds do not match the uploaded parts');
        video.status = 'PROCESSING';
        media.set(request.video, Buffer.concat(video.parts.map((p) => p.bytes!)));
        res.writeHead(200, { 'content-length': '0' }).end();
        return;
      }

      // The URN in the path is URL-encoded, as Rest.li wants.
      const lookup = /^\/rest\/videos\/(urn%3Ali%3Avideo%3A\w+)$/i.exec(req.path);
      if (req.method === 'GET' && lookup?.[1]) {
        const urn = decodeURIComponent(lookup[1]);
        const video = videos.get(urn);
        if (!video) return liError(res, 404, `Video ${urn} not found`);
        if (video.status === 'PROCESSING') {
          video.polls += 1;
          const fate = processingFate(media.get(urn));
          if (fate === 'bad') video.status = 'PROCESSING_FAILED';
          else if (fate === 'ok' && video.polls > processingPolls) video.status = 'AVAILABLE';
        }
        return sendJson(res, 200, {
          owner: video.owner,
          id: urn,
          status: video.status,
          ...(video.status === 'PROCESSING_FAILED' ? { processingFailureReason: 'Video codec is not supported' } : {}),
          ...(video.status === 'AVAILABLE' ? { duration: 5000, aspectRatioWidth: 16, aspectRatioHeight: 9 } : {}),
        });
      }

      if (req.method === 'POST' && req.path === '/rest/posts') {
        if (String(body.commentary).includes('FAIL500')) return sendJson(res, 500, { status: 500, message: 'Internal Server Error' });
        if (!URN_OWNER.test(body.author ?? '')) return sendJson(res, 422, { status: 422, message: 'ERROR :: /author :: is not a valid urn' });
        const attached = [body.content?.media, ...(body.content?.multiImage?.images ?? [])].filter(Boolean);
        for (const item of attached) {
          if (!media.has(item.id)) return sendJson(res, 400, { status: 400, message: `Media ${item.id} has not been uploaded` });
          const video = videos.get(item.id);
          if (video && video.status !== 'AVAILABLE') return liError(res, 400, `Video ${item.id} is not available yet (${video.status})`);
        }
        if (body.content?.multiImage?.images?.some((image: any) => String(image.id).startsWith('urn:li:video:'))) return liError(res, 422, 'multiImage takes images only');
        const id = `urn:li:share:${7_000_000_000 + posts.length}`;
        posts.push({ id, ...body });
        res.writeHead(201, { 'x-restli-id': id, 'content-length': '0' }).end();
        return;
      }
      sendJson(res, 404, { status: 404, message: `No route ${req.path}` });
    }),
  );
  return started.then((api) => Object.assign(api, { videos }));
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
