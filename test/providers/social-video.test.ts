// Video posts on X (chunked media upload) and LinkedIn (Videos API) against loopback fakes that
// enforce the real APIs' order of steps: the adapters' flows, and the fakes' own strictness.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { linkedInPublisher } from '../../src/providers/adapters/linkedin.ts';
import { xPublisher } from '../../src/providers/adapters/x.ts';
import type { AdapterEnv } from '../../src/providers/env.ts';
import { PNG_BYTES, type Recorded } from '../support/providers/fake-api.ts';
import { fakeLinkedIn, fakeX } from '../support/providers/social-apis.ts';
import { assertFails, assertOk, testEnv } from '../support/providers/assertions.ts';

/** 2,500 bytes that start like an MP4 and never repeat in step with a 1,000-byte segment. */
const VIDEO = Buffer.concat([Buffer.from('00000018667479706d703432', 'hex'), Buffer.from(Array.from({ length: 2488 }, (_, i) => (i * 7 + 3) % 251))]);
const video = (bytes: Buffer = VIDEO) => ({ bytes, mimeType: 'video/mp4' });
const image = { bytes: PNG_BYTES, mimeType: 'image/png', altText: 'A lighthouse' };
const failing = (word: 'BADVIDEO' | 'SLOWVIDEO') => video(Buffer.concat([Buffer.from(word), VIDEO]));

/** "METHOD /path" of each request from `since` on, long ids and keys replaced so flows compare. */
function steps(requests: Recorded[], since: number): string[] {
  return requests.slice(since).map((r) => {
    const path = r.path.replace(/\/\d{15,}\//, '/{id}/').replace(/\/dms-uploads\/\w+\//, '/dms-uploads/{key}/').replace(/urn%3Ali%3Avideo%3A\w+/i, '{urn}');
    const action = r.query.get('action') ?? r.query.get('command');
    return `${r.method} ${path}${action ? ` ${action}` : ''}`;
  });
}

/** A fetch whose bearer token is swapped for a revoked one from the first request matching `from` on. */
function revokedFrom(from: RegExp): typeof fetch {
  let revoked = false;
  return (input, init) => {
    revoked ||= from.test(String(input));
    const headers = { ...(init?.headers as Record<string, string>), ...(revoked ? { authorization: 'Bearer revoked-0000000000' } : {}) };
    return fetch(input, { ...init, headers });
  };
}

const recordSleeps = (intervalMs = 0) => {
  const slept: number[] = [];
  const poll: AdapterEnv['poll'] = { intervalMs, maxAttempts: 5, sleep: async (ms) => void slept.push(ms) };
  return { slept, poll };
};

describe('X publisher: video', () => {
  const token = 'x-user-token-0123456789';
  let api: Awaited<ReturnType<typeof fakeX>>;
  before(async () => (api = await fakeX(token, { maxSegmentBytes: 1024 })));
  after(() => api.close());
  const adapter = (env: Partial<AdapterEnv> = {}, segmentBytes = 1000) => xPublisher({ accessToken: token, baseUrl: api.origin }, testEnv(env), { segmentBytes });
  const raw = (method: string, path: string, body?: BodyInit | object) =>
    fetch(`${api.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) },
      body: body instanceof FormData || body === undefined ? body : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const segment = (index: number, bytes: Buffer) => {
    const form = new FormData();
    form.set('segment_index', String(index));
    form.set('media', new Blob([new Uint8Array(bytes)]));
    return form;
  };

  it('initializes, appends every segment, finalizes, waits as STATUS says, then posts the media id', async () => {
    const since = api.requests.length;
    const { slept, poll } = recordSleeps();
    const posted = assertOk(await adapter({ poll }).publish({ text: 'Watch the tour', media: [video()] }));
    assert.equal(posted.notes, undefined);
    assert.deepEqual(steps(api.requests, since), [
      'POST /2/media/upload/initialize',
      'POST /2/media/upload/{id}/append',
      'POST /2/media/upload/{id}/append',
      'POST /2/media/upload/{id}/append',
      'POST /2/media/upload/{id}/finalize',
      'GET /2/media/upload STATUS',
      'GET /2/media/upload STATUS',
      'GET /2/media/upload STATUS',
      'POST /2/tweets',
    ]);
    assert.deepEqual(JSON.parse(api.requests[since]!.body.toString()), { media_type: 'video/mp4', total_bytes: VIDEO.length, media_category: 'tweet_video' });
    const [id, ...others] = api.posts.at(-1).media.media_ids;
    assert.deepEqual(others, []);
    assert.deepEqual([...api.uploads.get(id)!.segments].map(([index, bytes]) => [index, bytes.length]), [[0, 1000], [1, 1000], [2, 500]]);
    assert.ok(api.media.get(id)!.equals(VIDEO), 'the segments reassemble to the original video');
    // finalize said check_after_secs 1, each in_progress STATUS said 2.
    assert.deepEqual(slept, [1000, 2000, 2000]);
  });

  it('attaches the video alone and notes the images it left out', async () => {
    const since = api.requests.length;
    const posted = assertOk(await adapter().publish({ text: 'Tour and stills', media: [image, video(), image] }));
    assert.deepEqual(posted.notes, ['X: a post cannot mix a video with images, so the images were left out']);
    const [id, ...others] = api.posts.at(-1).media.media_ids;
    assert.deepEqual(others, []);
    assert.equal(api.uploads.get(id)?.mediaType, 'video/mp4');
    assert.ok(!steps(api.requests, since).includes('POST /2/media/upload'), 'no image was uploaded');
  });

  it('reports failed processing with X’s reason and posts nothing', async () => {
    const posts = api.posts.length;
    const message = assertFails(await adapter().publish({ text: 'Broken file', media: [failing('BADVIDEO')] }), 'rejected');
    assert.match(message, /^X video \d+ failed processing: InvalidMedia: Unsupported video format$/);
    assert.equal(api.posts.length, posts);
  });

  it('gives up after the configured number of status checks and posts nothing', async () => {
    const since = api.requests.length;
    const posts = api.posts.length;
    const message = assertFails(await adapter().publish({ text: 'Endless processing', media: [failing('SLOWVIDEO')] }), 'unavailable');
    assert.match(message, /still processing after 5 status checks/);
    assert.equal(steps(api.requests, since).filter((s) => s.endsWith('STATUS')).length, 5);
    assert.equal(api.posts.length, posts);
  });

  it('is refused by X when a segment is larger than X takes', async () => {
    const message = assertFails(await adapter({}, 2000).publish({ text: 'Big segments', media: [video()] }), 'rejected');
    assert.match(message, /HTTP 413: segment 0 is 2000 bytes; segments may be at most 1024 bytes/);
  });

  it('stops at a 401 in the middle of the upload, as misconfigured, without the token in the message', async () => {
    const since = api.requests.length;
    const posts = api.posts.length;
    const failure = await adapter({ fetch: revokedFrom(/\/append$/) }).publish({ text: 'Token revoked', media: [video()] });
    assert.match(assertFails(failure, 'misconfigured', [token]), /X answered HTTP 401/);
    assert.deepEqual(steps(api.requests, since), ['POST /2/media/upload/initialize', 'POST /2/media/upload/{id}/append']);
    assert.equal(api.posts.length, posts);
  });

  it('fake: refuses steps out of order, missing fields, missing segments and unready media', async () => {
    assert.match((await raw('POST', '/2/media/upload/1880000000000000999/append', segment(0, VIDEO))).body.detail, /was not initialized/);
    assert.equal((await raw('POST', '/2/media/upload/initialize', { media_type: 'video/mp4', media_category: 'tweet_video' })).status, 400);

    const { body } = await raw('POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 1500, media_category: 'tweet_video' });
    const id: string = body.data.id;
    assert.match((await raw('POST', `/2/media/upload/${id}/finalize`)).body.detail, /no segments were appended/);
    assert.match((await raw('GET', `/2/media/upload?command=STATUS&media_id=${id}`)).body.detail, /has not been finalized/);
    assert.match((await raw('POST', '/2/tweets', { text: 'Too early', media: { media_ids: [id] } })).body.errors[0].message, /media IDs are invalid/);
    assert.equal((await raw('POST', `/2/media/upload/${id}/append`, segment(1, VIDEO.subarray(1000, 1500)))).status, 200);
    assert.match((await raw('POST', `/2/media/upload/${id}/finalize`)).body.detail, /segments are missing: got 1/);

    assert.equal((await raw('POST', `/2/media/upload/${id}/append`, segment(0, VIDEO.subarray(0, 1000)))).status, 200);
    assert.equal((await raw('POST', `/2/media/upload/${id}/finalize`)).body.data.processing_info.state, 'pending');
    assert.match((await raw('POST', `/2/media/upload/${id}/append`, segment(2, VIDEO.subarray(0, 1)))).body.detail, /already finalized/);
    assert.match((await raw('POST', '/2/tweets', { text: 'Still processing', media: { media_ids: [id] } })).body.detail, /not ready to be attached \(pending\)/);
  });
});

describe('LinkedIn publisher: video', () => {
  const token = 'li-access-token-0123456789';
  const author = 'urn:li:organization:42';
  let api: Awaited<ReturnType<typeof fakeLinkedIn>>;
  before(async () => (api = await fakeLinkedIn(token, { partBytes: 1000 })));
  after(() => api.close());
  const adapter = (env: Partial<AdapterEnv> = {}) => linkedInPublisher({ accessToken: token, author, baseUrl: api.origin }, testEnv(env));
  const headers = { authorization: `Bearer ${token}`, 'linkedin-version': '202510', 'x-restli-protocol-version': '2.0.0', 'content-type': 'application/json' };
  const rest = (path: string, body?: object) =>
    fetch(`${api.origin}${path}`, { method: body ? 'POST' : 'GET', headers, ...(body ? { body: JSON.stringify(body) } : {}) }).then(async (r) => ({
      status: r.status,
      body: r.headers.get('content-type')?.includes('json') ? await r.json() : null,
    }));
  const put = (url: string, bytes: Buffer) => fetch(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });

  it('initializes, PUTs every part, finalizes with the ETags, waits until AVAILABLE, then posts the video URN', async () => {
    const since = api.requests.length;
    const { slept, poll } = recordSleeps(250);
    const posted = assertOk(await adapter({ poll }).publish({ text: 'Watch the tour', media: [video()] }));
    assert.equal(posted.notes, undefined);
    assert.deepEqual(steps(api.requests, since), [
      'POST /rest/videos initializeUpload',
      'PUT /dms-uploads/{key}/part/0',
      'PUT /dms-uploads/{key}/part/1',
      'PUT /dms-uploads/{key}/part/2',
      'POST /rest/videos finalizeUpload',
      'GET /rest/videos/{urn}',
      'GET /rest/videos/{urn}',
      'GET /rest/videos/{urn}',
      'POST /rest/posts',
    ]);
    assert.deepEqual(JSON.parse(api.requests[since]!.body.toString()), { initializeUploadRequest: { owner: author, fileSizeBytes: VIDEO.length, uploadCaptions: false, uploadThumbnail: false } });
    const { content } = api.posts.at(-1);
    const urn: string = content.media.id;
    assert.match(urn, /^urn:li:video:\w+$/);
    assert.deepEqual(content, { media: { id: urn } });
    const { uploadToken, parts } = api.videos.get(urn)!;
    assert.notEqual(uploadToken, '');
    assert.deepEqual(JSON.parse(api.requests[since + 4]!.body.toString()), { finalizeUploadRequest: { video: urn, uploadToken, uploadedPartIds: parts.map((p) => p.etag) } });
    assert.ok(api.media.get(urn)!.equals(VIDEO), 'the parts reassemble to the original video');
    assert.deepEqual(slept, [250, 250]);
  });

  it('finalizes a one-part video with the empty uploadToken LinkedIn gave', async () => {
    const small = VIDEO.subarray(0, 600);
    assertOk(await adapter().publish({ text: 'A short clip', media: [video(small)] }));
    const urn: string = api.posts.at(-1).content.media.id;
    assert.equal(api.videos.get(urn)!.parts.length, 1);
    assert.equal(api.videos.get(urn)!.uploadToken, '');
    assert.ok(api.media.get(urn)!.equals(small));
  });

  it('attaches the video alone and notes the images it left out', async () => {
    const since = api.requests.length;
    const posted = assertOk(await adapter().publish({ text: 'Tour and stills', media: [video(), image] }));
    assert.deepEqual(posted.notes, ['LinkedIn: a post cannot mix a video with images, so the images were left out']);
    assert.match(api.posts.at(-1).content.media.id, /^urn:li:video:/);
    assert.ok(!steps(api.requests, since).some((s) => s.startsWith('POST /rest/images')), 'no image was registered');
  });

  it('reports PROCESSING_FAILED with LinkedIn’s reason and posts nothing', async () => {
    const posts = api.posts.length;
    const message = assertFails(await adapter().publish({ text: 'Broken file', media: [failing('BADVIDEO')] }), 'rejected');
    assert.match(message, /^LinkedIn video urn:li:video:\w+ failed processing: Video codec is not supported$/);
    assert.equal(api.posts.length, posts);
  });

  it('gives up after the configured number of status checks and posts nothing', async () => {
    const since = api.requests.length;
    const posts = api.posts.length;
    assert.match(assertFails(await adapter().publish({ text: 'Endless processing', media: [failing('SLOWVIDEO')] }), 'unavailable'), /still processing after 5 status checks/);
    assert.equal(steps(api.requests, since).filter((s) => s.startsWith('GET /rest/videos/')).length, 5);
    assert.equal(api.posts.length, posts);
  });

  it('stops at a 401 on finalize, as misconfigured, without the token in the message', async () => {
    const since = api.requests.length;
    const posts = api.posts.length;
    const failure = await adapter({ fetch: revokedFrom(/action=finalizeUpload/) }).publish({ text: 'Token revoked', media: [video()] });
    assert.match(assertFails(failure, 'misconfigured', [token]), /LinkedIn answered HTTP 401: Invalid access token/);
    assert.equal(steps(api.requests, since).at(-1), 'POST /rest/videos finalizeUpload');
    assert.equal(api.posts.length, posts);
  });

  it('fake: refuses missing fields, finalize before or without every part, and posting before AVAILABLE', async () => {
    assert.equal((await rest('/rest/videos?action=initializeUpload', { initializeUploadRequest: { owner: author } })).status, 422);

    const { value } = (await rest('/rest/videos?action=initializeUpload', { initializeUploadRequest: { owner: author, fileSizeBytes: 1500 } })).body;
    const [first, second] = value.uploadInstructions as Array<{ uploadUrl: string; firstByte: number; lastByte: number }>;
    const finalize = (uploadedPartIds: unknown[], uploadToken = value.uploadToken) => rest('/rest/videos?action=finalizeUpload', { finalizeUploadRequest: { video: value.video, uploadToken, uploadedPartIds } });
    assert.match((await finalize([])).body.message, /Part 0 of the video has not been uploaded/);

    assert.equal((await put(first!.uploadUrl.replace(/sig=\w+/, 'sig=forged'), VIDEO.subarray(0, 1000))).status, 403);
    assert.equal((await put(first!.uploadUrl, VIDEO.subarray(0, 999))).status, 400);
    const etags = [(await put(first!.uploadUrl, VIDEO.subarray(0, 1000))).headers.get('etag')];
    assert.match((await finalize(etags)).body.message, /Part 1 of the video has not been uploaded/);
    etags.push((await put(second!.uploadUrl, VIDEO.subarray(1000, 1500))).headers.get('etag'));
    assert.match((await finalize([...etags].reverse())).body.message, /uploadedPartIds do not match/);
    assert.match((await finalize(etags, 'another-token')).body.message, /uploadToken does not match/);
    assert.equal((await finalize(etags)).status, 200);

    assert.equal((await put(second!.uploadUrl, VIDEO.subarray(1000, 1500))).status, 400);
    const early = await rest('/rest/posts', { author, commentary: 'Too early', visibility: 'PUBLIC', lifecycleState: 'PUBLISHED', content: { media: { id: value.video } } });
    assert.match(early.body.message, /is not available yet \(PROCESSING\)/);
    assert.equal((await rest(`/rest/videos/${value.video}`)).status, 404, 'the URN in the path must be URL-encoded');
    assert.equal((await rest(`/rest/videos/${encodeURIComponent(value.video)}`)).body.status, 'PROCESSING');
  });
});
