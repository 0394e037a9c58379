// Provider settings through the service on the embedded store: secrets sealed at rest, read back
// masked, opened only to call a provider; and the missing / broken provider answers of flow 6.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Actor } from '../../src/domain/program.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { AuditEntrySchema } from '../../src/store/repos/index.ts';
import { History } from '../../src/store/repos/history.ts';
import { ProviderConfigs } from '../../src/store/repos/provider-configs.ts';
import {
  generateImage,
  listProviderConfigs,
  publish,
  readProviderConfig,
  setProviderConfig,
  type ProviderServiceDeps,
} from '../../src/services/providers.ts';
import { fakeOpenAiImages } from '../support/providers/image-apis.ts';
import type { FakeApi } from '../support/providers/fake-api.ts';
import { assertFails, assertOk, testEnv } from '../support/providers/assertions.ts';

const program = { teamId: 'T1', channelId: 'C1' };
const person: Actor = { userId: 'U1', surface: 'action' };
const SECRET_KEY = 'test-secret-key-that-is-long-enough-000';
const API_KEY = 'sk-proj-plaintext-canary-7f3a9c';
const image = { prompt: 'A lighthouse', aspect: '1:1' as const };

describe('provider settings service', () => {
  let dir: string;
  let store: DocumentStore;
  let deps: ProviderServiceDeps;
  let openai: FakeApi;

  before(async () => (openai = await fakeOpenAiImages(API_KEY)));
  after(() => openai.close());

  beforeEach(async () => {
    if (store) await store.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-providers-'));
    store = await openEmbeddedStore(dir);
    deps = {
      repos: { providerConfigs: await ProviderConfigs.open(store), audit: await History.open(store, 'audit_log', AuditEntrySchema) },
      clock: { now: () => new Date('2026-11-24T10:00:00Z') },
      secretKey: SECRET_KEY,
      adapters: testEnv(),
      // The loopback fake stands in for api.openai.com, as an operator's proxy would (OHMYMKT_PROVIDER_HOSTS).
      providerHosts: { openai_images: [openai.origin] },
    };
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const configureOpenAi = () => setProviderConfig(deps, program, person, 'openai_images', { apiKey: API_KEY, baseUrl: `${openai.origin}/v1` });

  it('stores no plaintext secret: neither in the document nor in the file on disk', async () => {
    assertOk(await configureOpenAi());
    const raw = await (await store.collection('provider_configs')).find({});
    assert.equal(raw.length, 1);
    assert.ok(!JSON.stringify(raw).includes(API_KEY));
    await store.close();
    assert.ok(!(await readFile(join(dir, 'provider_configs.db'), 'utf8')).includes(API_KEY));
    store = await openEmbeddedStore(dir);
  });

  it('reads the config back with the secret masked and the settings plain', async () => {
    assertOk(await configureOpenAi());
    const config = assertOk(await readProviderConfig(deps, program, 'openai_images'));
    assert.deepEqual(config.values, { apiKey: '••••3a9c', baseUrl: `${openai.origin}/v1` });
    assert.equal(config.status, 'configured');
  });

  it('lists every supported provider with its status, and never a secret', async () => {
    assertOk(await configureOpenAi());
    const list = await listProviderConfigs(deps, program);
    assert.equal(list.find((p) => p.id === 'openai_images')?.status, 'configured');
    assert.equal(list.find((p) => p.id === 'ghost')?.status, 'not_configured');
    assert.ok(!JSON.stringify(list).includes(API_KEY));
  });

  it('refuses to store a secret without OHMYMKT_SECRET_KEY and tells the admin to set it', async () => {
    const result = await setProviderConfig({ ...deps, secretKey: undefined }, program, person, 'openai_images', { apiKey: API_KEY });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /OHMYMKT_SECRET_KEY is not set.*at least 32 characters/);
  });

  it('never takes a secret from an agent', async () => {
    const result = await setProviderConfig(deps, program, { userId: 'U1', surface: 'agent', agent: 'content-writer' }, 'openai_images', { apiKey: API_KEY });
    assert.equal(result.ok ? 'ok' : result.code, 'forbidden');
  });

  it('answers field by field what needs fixing', async () => {
    const result = await setProviderConfig(deps, program, person, 'ghost', { adminUrl: 'ftp://blog', adminApiKey: 'not-a-key' });
    assert.deepEqual(result.ok ? {} : Object.keys(result.fieldErrors ?? {}).sort(), ['adminApiKey', 'adminUrl']);
  });

  it('keeps the stored secret when the field is left empty, and still uses it', async () => {
    assertOk(await configureOpenAi());
    assertOk(await setProviderConfig(deps, program, person, 'openai_images', { model: 'gpt-image-1', baseUrl: `${openai.origin}/v1` }));
    assert.equal(assertOk(await readProviderConfig(deps, program, 'openai_images')).values.model, 'gpt-image-1');
    assertOk(await generateImage(deps, program, image));
  });

  it('audits who set which fields, without their values', async () => {
    assertOk(await configureOpenAi());
    const [entry] = await deps.repos.audit.list(program);
    assert.deepEqual(entry?.entry.detail, { providerId: 'openai_images', fields: ['apiKey', 'baseUrl'] });
    assert.ok(!JSON.stringify(entry).includes(API_KEY));
  });

  it('generates an image for the program through its configured provider', async () => {
    assertOk(await configureOpenAi());
    const generated = assertOk(await generateImage(deps, program, image));
    assert.equal(generated.provider, 'openai_images');
    assert.ok('bytes' in generated);
  });

  it('answers not_configured when the program has no provider of the kind, naming the kind', async () => {
    const failure = assertFails(await generateImage(deps, program, image), 'not_configured');
    assert.match(failure, /No image provider is configured/);
    assertFails(await publish(deps, program, 'linkedin', { text: 'hi' }), 'not_configured');
  });

  it('answers misconfigured when the secret key changed since the secret was stored', async () => {
    assertOk(await configureOpenAi());
    const message = assertFails(await generateImage({ ...deps, secretKey: 'another-secret-key-also-long-enough-0' }, program, image), 'misconfigured', [API_KEY]);
    assert.match(message, /OHMYMKT_SECRET_KEY/);
  });

  it('keeps each program’s providers to itself', async () => {
    assertOk(await configureOpenAi());
    assertFails(await generateImage(deps, { teamId: 'T1', channelId: 'C2' }, image), 'not_configured');
  });
});
