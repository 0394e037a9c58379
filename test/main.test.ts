// `npm start` as production runs it: a separate process with the environment of design.md, fake
// tokens and SLACK_API_URL at a loopback fake, the embedded store by default.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { childEnv, spawnApp } from './support/child-app.ts';
import { startFakeSlack } from './support/fake-slack.ts';

test('the app process starts on the embedded store, answers /healthz and /readyz, and stops cleanly on SIGTERM', async () => {
  const slack = await startFakeSlack();
  const dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-main-'));
  try {
    const app = await spawnApp(childEnv(slack.apiUrl, dataDir, 0));
    const started = app.output.find((line) => line.includes('"event":"started"'));
    assert.ok(started, app.output.join('\n'));
    assert.match(started, /"store":"embedded"/);
    assert.equal((await fetch(`${app.origin}/healthz`)).status, 200);
    assert.equal((await fetch(`${app.origin}/readyz`)).status, 200);
    assert.equal(await app.kill('SIGTERM'), 0);
    assert.ok(
      app.output.some((line) => /^ohmymkt is running · HTTP on port \d+: paste https:\/\/<your public host>\/slack\/events .* Claude: off.* provider keys: cannot be saved until OHMYMKT_SECRET_KEY is set$/.test(line)),
      'the human start line says the mode, the Request URL, Claude and provider keys',
    );
    assert.doesNotMatch(app.output.join('\n'), /xoxb-test-token|test-signing-secret/);
  } finally {
    await slack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
