// X, LinkedIn, Ghost, Resend and Buffer against loopback fakes of their APIs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bufferPublisher } from '../../src/providers/adapters/buffer.ts';
import { ghostPublisher } from '../../src/providers/adapters/ghost.ts';
import { escapeLittleText, linkedInPublisher } from '../../src/providers/adapters/linkedin.ts';
import { resendPublisher } from '../../src/providers/adapters/resend.ts';
import { xPublisher } from '../../src/providers/adapters/x.ts';
import { PNG_BYTES } from '../support/providers/fake-api.ts';
import { fakeGhost, fakeResend } from '../support/providers/publishing-apis.ts';
import { fakeBuffer, fakeLinkedIn, fakeX, type FakePublisher } from '../support/providers/social-apis.ts';
import { assertFails, assertOk, testEnv } from '../support/providers/assertions.ts';

const image = { bytes: PNG_BYTES, mimeType: 'image/png', altText: 'A lighthouse' };
const brochure = { bytes: Buffer.from('%PDF-1.7'), mimeType: 'application/pdf' };

describe('X publisher', () => {
  const token = 'x-user-token-0123456789';
  let api: FakePublisher;
  before(async () => (api = await fakeX(token)));
  after(() => api.close());
  const adapter = (key = token) => xPublisher({ accessToken: key, baseUrl: api.origin }, testEnv());

  it('uploads the image and posts with its media id', async () => {
    const posted = assertOk(await adapter().publish({ text: 'Launch day', media: [image] }));
    assert.equal(posted.url, `https://x.com/i/web/status/${posted.id}`);
    const [mediaId] = api.posts.at(-1).media.media_ids;
    assert.deepEqual(api.media.get(mediaId), PNG_BYTES);
  });

  it('posts without a file that is neither image nor video and says so (videos: social-video.test.ts)', async () => {
    const posted = assertOk(await adapter().publish({ text: 'Brochure', media: [brochure] }));
    assert.match(posted.notes?.[0] ?? '', /only images and videos/);
    assert.equal(api.posts.at(-1).media, undefined);
  });

  it('reports a duplicate post (403) as rejected, not as bad credentials', async () => {
    assertOk(await adapter().publish({ text: 'Same words' }));
    assert.match(assertFails(await adapter().publish({ text: 'Same words' }), 'rejected'), /duplicate content/);
  });

  it('refuses media from a private address rather than fetching it', async () => {
    assert.match(assertFails(await adapter().publish({ text: 'x', media: [{ url: 'https://169.254.169.254/latest/meta-data', mimeType: 'image/png' }] }), 'rejected'), /public https URL/);
  });

  it('reports a refused token as misconfigured and an outage as unavailable', async () => {
    assertFails(await adapter('x-wrong-token-00000000').publish({ text: 'hi' }), 'misconfigured', ['x-wrong-token-00000000']);
    assertFails(await adapter().publish({ text: 'FAIL500' }), 'unavailable');
  });
});

describe('LinkedIn publisher', () => {
  const token = 'li-access-token-0123456789';
  let api: FakePublisher;
  before(async () => (api = await fakeLinkedIn(token)));
  after(() => api.close());
  const adapter = (key = token) => linkedInPublisher({ accessToken: key, author: 'urn:li:organization:42', baseUrl: api.origin }, testEnv());

  it('sends the LinkedIn-Version and Rest.li headers and returns the post URN from x-restli-id', async () => {
    const posted = assertOk(await adapter().publish({ text: 'Our Q3 report (PDF) is out' }));
    assert.match(posted.id, /^urn:li:share:\d+$/);
    const sent = api.requests.at(-1)!;
    assert.match(String(sent.headers['linkedin-version']), /^\d{6}$/);
    assert.equal(sent.headers['x-restli-protocol-version'], '2.0.0');
    assert.equal(api.posts.at(-1).commentary, 'Our Q3 report \\(PDF\\) is out');
  });

  it('registers, uploads and attaches an image by its URN', async () => {
    assertOk(await adapter().publish({ text: 'With a picture', media: [image] }));
    const media = api.posts.at(-1).content.media;
    assert.equal(media.altText, 'A lighthouse');
    assert.deepEqual(api.media.get(media.id), PNG_BYTES);
  });

  it('escapes every little-text reserved character', () => {
    assert.equal(escapeLittleText('a|b{c}@d[e](f)<g>#h*i_j~k\\'), 'a\\|b\\{c\\}\\@d\\[e\\]\\(f\\)\\<g\\>\\#h\\*i\\_j\\~k\\\\');
  });

  it('reports an invalid token as misconfigured and a server error as unavailable', async () => {
    assertFails(await adapter('li-wrong-token-0000000').publish({ text: 'hi' }), 'misconfigured', ['li-wrong-token-0000000']);
    assertFails(await adapter().publish({ text: 'FAIL500' }), 'unavailable');
  });
});

describe('Ghost publisher', () => {
  const adminApiKey = `${'6748592f4b9b7700010f6564'}:${'b1b5b9c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1'}`;
  let api: FakePublisher;
  before(async () => (api = await fakeGhost(adminApiKey)));
  after(() => api.close());
  const adapter = (key = adminApiKey) => ghostPublisher({ adminUrl: api.origin, adminApiKey: key }, testEnv());

  it('posts html with a token the server verifies with the key’s secret, featuring the uploaded image', async () => {
    const posted = assertOk(await adapter().publish({ text: 'Spring launch\n\nEverything <new> in one place.', media: [image], metadata: { tags: ['launch'] } }));
    const post = api.posts.at(-1);
    assert.equal(posted.url, post.url);
    assert.equal(post.title, 'Spring launch');
    assert.equal(post.source, 'html');
    assert.match(post.html, /<p>Everything &#60;new&#62; in one place\.<\/p>/);
    assert.deepEqual(post.tags, [{ name: 'launch' }]);
    assert.deepEqual(api.media.get(post.feature_image), PNG_BYTES);
    assert.equal(api.requests.at(-1)!.headers['accept-version'], 'v5.0');
  });

  it('is refused when the token is signed with another secret, and leaks neither half of the key', async () => {
    const other = `6748592f4b9b7700010f6564:${'0'.repeat(64)}`;
    assertFails(await adapter(other).publish({ text: 'hi' }), 'misconfigured', [other, '0'.repeat(64)]);
  });

  it('rejects metadata of the wrong type before calling Ghost', async () => {
    const before = api.requests.length;
    assert.match(assertFails(await adapter().publish({ text: 'hi', metadata: { status: 'live' } }), 'rejected'), /metadata\.status/);
    assert.equal(api.requests.length, before);
  });

  it('reports a server error as unavailable', async () => {
    assertFails(await adapter().publish({ text: 'FAIL500' }), 'unavailable');
  });
});

describe('Resend publisher', () => {
  const apiKey = 're_test_0123456789abcdef';
  let api: FakePublisher;
  before(async () => (api = await fakeResend(apiKey)));
  after(() => api.close());
  const adapter = (key = apiKey) => resendPublisher({ apiKey: key, from: 'Acme <news@acme.test>', to: 'a@acme.test, b@acme.test', baseUrl: api.origin }, testEnv());

  it('passes the idempotency key, so a send repeated after a timeout sends one email', async () => {
    const before = api.posts.length;
    const first = assertOk(await adapter().publish({ text: 'Launch announcement', idempotencyKey: 'run-1:toolu_7' }));
    const again = assertOk(await adapter().publish({ text: 'Launch announcement', idempotencyKey: 'run-1:toolu_7' }));
    assert.equal(again.id, first.id);
    assert.equal(api.posts.length, before + 1);
  });

  it('sends one email to the default recipients with the image attached as base64', async () => {
    const sent = assertOk(await adapter().publish({ text: 'Newsletter: June\n\nHello', media: [{ ...image, filename: 'hero.png' }] }));
    const email = api.posts.at(-1);
    assert.equal(sent.id, email.id);
    assert.deepEqual(email.to, ['a@acme.test', 'b@acme.test']);
    assert.equal(email.subject, 'Newsletter: June');
    assert.deepEqual(email.attachments, [{ filename: 'hero.png', content: PNG_BYTES.toString('base64') }]);
  });

  it('reports an invalid key (403) as misconfigured and an outage as unavailable', async () => {
    assertFails(await adapter('re_wrong_000000000000').publish({ text: 'hi' }), 'misconfigured', ['re_wrong_000000000000']);
    assertFails(await adapter().publish({ text: 'FAIL500' }), 'unavailable');
  });
});

describe('Buffer publisher', () => {
  const token = 'buffer-token-0123456789';
  let api: FakePublisher;
  before(async () => (api = await fakeBuffer(token)));
  after(() => api.close());
  const adapter = (key = token) => bufferPublisher({ accessToken: key, profileIds: 'p1, p2', baseUrl: api.origin }, testEnv());

  it('creates one scheduled update per profile with the photo URL, keeping the token out of the URL', async () => {
    const photo = { url: 'https://cdn.example.com/hero.png', mimeType: 'image/png' };
    const created = assertOk(await adapter().publish({ text: 'Queued', media: [photo], metadata: { scheduledAt: '2026-12-01T09:00:00Z' } }));
    assert.equal(created.id.split(',').length, 2);
    assert.deepEqual(api.posts.slice(-2).map((u) => [u.profile_id, u.media.photo, u.scheduled_at]), [
      ['p1', photo.url, '2026-12-01T09:00:00Z'],
      ['p2', photo.url, '2026-12-01T09:00:00Z'],
    ]);
    assert.equal(api.requests.at(-1)!.query.size, 0);
  });

  it('notes media it cannot attach (Buffer takes photos by public URL only)', async () => {
    const created = assertOk(await adapter().publish({ text: 'Bytes only', media: [image] }));
    assert.match(created.notes?.[0] ?? '', /public URL/);
  });

  it('reports an invalid token as misconfigured and an outage as unavailable', async () => {
    assertFails(await adapter('buffer-wrong-00000000').publish({ text: 'hi' }), 'misconfigured', ['buffer-wrong-00000000']);
    assertFails(await adapter().publish({ text: 'FAIL500' }), 'unavailable');
  });
});
