// The one-provider settings modal: what it shows (never a secret), how its submission is read, and
// what the submit answers Slack with.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROVIDERS } from '../../../src/domain/providers.ts';
import { PROVIDER_IDS } from '../../../src/providers/catalog.ts';
import { readProviderConfig, type ProviderServiceDeps, type ProviderSummary } from '../../../src/services/providers.ts';
import { submitProviderConfig } from '../../../src/slack/provider-config-submit.ts';
import { CALLBACK_IDS } from '../../../src/slack/ids.ts';
import { parseProviderConfigSubmission, providerConfigModal } from '../../../src/slack/views/provider-config-modal.ts';
import { openEmbeddedStore } from '../../../src/store/embedded/store.ts';
import type { DocumentStore } from '../../../src/store/port.ts';
import { History } from '../../../src/store/repos/history.ts';
import { AuditEntrySchema } from '../../../src/store/repos/index.ts';
import { ProviderConfigs } from '../../../src/store/repos/provider-configs.ts';
import { viewProblems } from '../../support/block-kit-rules.ts';

const program = { teamId: 'T1', channelId: 'C1' };
const GHOST_KEY = `6748592f4b9b7700010f6564:${'ab'.repeat(32)}`;

function summary(id: ProviderSummary['id'], values: Record<string, string> = {}): ProviderSummary {
  return { id, label: id, category: 'publish', status: Object.keys(values).length > 0 ? 'configured' : 'not_configured', values };
}

/** A view_submission's view as Slack sends it: the modal plus what was typed into each input. */
function submitted(id: ProviderSummary['id'], typed: Record<string, string>, metadata: object = { program, providerId: id }) {
  const view = providerConfigModal(summary(id), { program, providerId: id });
  const values = Object.fromEntries(
    view.blocks.flatMap((block) => ('block_id' in block && block.type === 'input' ? [[block.block_id, { value: { type: 'plain_text_input', value: typed[String(block.block_id).slice(6)] ?? null } }]] : [])),
  );
  return { ...view, private_metadata: JSON.stringify(metadata), state: { values } };
}

describe('provider config modal', () => {
  it('has settings for every provider the product lists', () => {
    assert.deepEqual([...PROVIDER_IDS].sort(), PROVIDERS.map((p) => p.id).sort());
  });

  it('is valid Block Kit for every provider', () => {
    for (const id of PROVIDER_IDS) assert.deepEqual(viewProblems(providerConfigModal(summary(id), { program, providerId: id })), [], id);
  });

  it('shows a stored secret only masked, as a placeholder, and prefills plain settings', () => {
    const view = providerConfigModal(summary('resend', { apiKey: '••••cdef', from: 'news@acme.test' }), { program, providerId: 'resend' });
    const json = JSON.stringify(view);
    assert.ok(json.includes('••••cdef is stored; leave empty to keep it'));
    assert.ok(json.includes('"initial_value":"news@acme.test"'));
    assert.ok(!/"initial_value":"••••/.test(json));
  });

  it('reads the typed fields, the program and the provider from a submission', () => {
    const parsed = parseProviderConfigSubmission(submitted('ghost', { adminUrl: ' https://blog.acme.test ', adminApiKey: GHOST_KEY }, { program, providerId: 'ghost', resume: { runId: 'R1' } }));
    assert.deepEqual(parsed, { ok: true, value: { program, providerId: 'ghost', input: { adminUrl: 'https://blog.acme.test', adminApiKey: GHOST_KEY }, resume: { runId: 'R1' } } });
  });

  it('refuses a submission for a provider it does not know or without its channel', () => {
    assert.equal(parseProviderConfigSubmission(submitted('ghost', {}, { program, providerId: 'myspace' })).ok, false);
    assert.equal(parseProviderConfigSubmission({ ...submitted('ghost', {}), private_metadata: 'not json' }).ok, false);
    assert.equal(parseProviderConfigSubmission({ callback_id: CALLBACK_IDS.providerConfig }).ok, false);
  });
});

describe('provider config submit', () => {
  let dir: string;
  let store: DocumentStore;
  let deps: ProviderServiceDeps;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-provider-modal-'));
    store = await openEmbeddedStore(dir);
    deps = {
      repos: { providerConfigs: await ProviderConfigs.open(store), audit: await History.open(store, 'audit_log', AuditEntrySchema) },
      clock: { now: () => new Date('2026-11-24T10:00:00Z') },
      secretKey: 'test-secret-key-that-is-long-enough-000',
      // Ghost is self-hosted: its admin host comes from the environment (OHMYMKT_PROVIDER_HOSTS), never from Slack.
      providerHosts: { ghost: ['https://blog.acme.test'] },
    };
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the provider and closes the modal, handing back what was saved (masked)', async () => {
    const outcome = await submitProviderConfig(deps, submitted('ghost', { adminUrl: 'https://blog.acme.test', adminApiKey: GHOST_KEY }), 'U1');
    assert.deepEqual(outcome.ack, { response_action: 'clear' });
    assert.equal(outcome.saved?.summary.values.adminApiKey, `••••${'ab'.repeat(2)}`);
    assert.ok(!JSON.stringify(outcome).includes('ab'.repeat(32)));
    assert.equal((await readProviderConfig(deps, program, 'ghost')).ok, true);
  });

  it('answers inline errors under the fields that need fixing', async () => {
    const outcome = await submitProviderConfig(deps, submitted('linkedin', { accessToken: 'tok-0123456789', author: 'me' }), 'U1');
    assert.deepEqual(Object.keys(outcome.ack.response_action === 'errors' ? outcome.ack.errors : {}), ['field:author']);
  });

  it('answers under the first field that secrets cannot be stored without OHMYMKT_SECRET_KEY', async () => {
    const outcome = await submitProviderConfig({ ...deps, secretKey: undefined }, submitted('x', { accessToken: 'x-token-0123456789' }), 'U1');
    assert.equal(outcome.ack.response_action, 'errors');
    assert.match(outcome.ack.response_action === 'errors' ? (outcome.ack.errors['field:accessToken'] ?? '') : '', /OHMYMKT_SECRET_KEY/);
  });
});
