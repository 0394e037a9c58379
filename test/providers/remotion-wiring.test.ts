// Remotion is offered only on a host whose operator set it up (OHMYMKT_REMOTION), and there an agent's
// generate_video with template_props renders through it into a draft asset; elsewhere it is neither
// listed nor configurable.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runTool } from '../../src/agents/tools/registry.ts';
import { loadConfig } from '../../src/config.ts';
import { listProviderConfigs, setProviderConfig } from '../../src/services/providers.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import { openRepositories } from '../../src/store/repos/index.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { testEnv } from '../support/providers/assertions.ts';

const program = { teamId: 'T1', channelId: 'C1' };
const person = { userId: 'U1', surface: 'slash' as const };
const SECRET_KEY = 'k'.repeat(40);

describe('Remotion on a host', () => {
  let dir: string;
  let store: DocumentStore;
  let base: Omit<ServiceDeps, 'adapters'>;
  let renderer: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-remotion-wiring-'));
    store = await openEmbeddedStore(join(dir, 'data'));
    base = { repos: await openRepositories(store), clock: { now: () => new Date('2026-11-29T10:00:00Z') }, secretKey: SECRET_KEY };
    // A stand-in renderer: writes its composition and props to the output path it is given.
    renderer = join(dir, 'render.mjs');
    await writeFile(renderer, "import { writeFileSync } from 'node:fs'; const [c, p, o] = process.argv.slice(2); writeFileSync(o, c + ' ' + p);");
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('without OHMYMKT_REMOTION it is neither listed nor configurable', async () => {
    assert.equal((await listProviderConfigs(base, program)).some((p) => p.id === 'remotion'), false);
    const refused = await setProviderConfig(base, program, person, 'remotion', { compositionId: 'Promo' });
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.message, /not set up on this host.*OHMYMKT_REMOTION/);
  });

  test('OHMYMKT_REMOTION is read as JSON and a bad value is named', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123456' };
    const config = loadConfig({ ...env, OHMYMKT_REMOTION: JSON.stringify({ command: 'npx', args: ['remotion', 'render'], cwd: '/srv/video', timeoutSeconds: 120 }) });
    assert.deepEqual(config.remotion, { command: 'npx', args: ['remotion', 'render'], cwd: '/srv/video', timeoutMs: 120_000 });
    assert.throws(() => loadConfig({ ...env, OHMYMKT_REMOTION: 'npx remotion render' }), /OHMYMKT_REMOTION/);
  });

  test('with it, an agent renders the template into a draft asset', async () => {
    const deps: ServiceDeps = { ...base, adapters: testEnv({ remotion: { command: process.execPath, args: [renderer, '{composition}', '{props}', '{out}'], cwd: dir } }) };
    assert.ok((await listProviderConfigs(deps, program)).some((p) => p.id === 'remotion'));
    const saved = await setProviderConfig(deps, program, person, 'remotion', { compositionId: 'Promo' });
    assert.equal(saved.ok, true, saved.ok ? '' : `${saved.message} ${JSON.stringify(saved.reasons)}`);
    const events: unknown[] = [];
    const output = await runTool(
      'ohmymkt_generate_video',
      { name: 'Launch teaser', template_props: { headline: 'Now in beta' } },
      { services: deps, program, actor: { ...person, surface: 'agent', agent: 'content-writer', runId: 'R1' }, agent: 'content-writer', runId: 'R1', report: (e) => events.push(e) },
    );
    assert.equal(output.isError, false, output.content);
    assert.match(output.content, /"status":"generated".*"provider":"remotion"/);
    const [asset] = await deps.repos.assets.list(program);
    assert.equal(asset?.status, 'draft');
    assert.equal(events.length, 1, 'the rendered video is shared in the thread');
  });
});
