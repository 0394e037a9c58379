// Slack drops the Socket Mode connection and then refuses the app token (revoked): the socket client
// fails outside any request, where nothing can catch it. The process must not print a raw stack with
// the request it made: it logs one line through the app's logger, secrets masked, and exits 1 so the
// supervisor restarts it (runs resume from the store).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { childEnv, spawnApp, type ChildApp } from '../support/child-app.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { startFakeSocketMode, type FakeSocketMode } from '../support/fake-socket-mode.ts';

const APP_TOKEN = 'xapp-1-A0OHMYMKT-1234567890-0123456789abcdef';

describe('Socket Mode reconnect refused', () => {
  let slack: FakeSlack;
  let socket: FakeSocketMode;
  let dataDir: string;
  let child: ChildApp | undefined;

  before(async () => {
    slack = await startFakeSlack();
    socket = await startFakeSocketMode({ slack });
    dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-socket-refused-'));
  });
  after(async () => {
    await child?.kill('SIGKILL');
    await socket.close();
    await slack.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('logs the failure once, masked, and exits 1', { timeout: 60_000 }, async () => {
    const env = childEnv(slack.apiUrl, dataDir, 0, { SLACK_APP_TOKEN: APP_TOKEN });
    delete env['SLACK_SIGNING_SECRET'];
    child = await spawnApp(env);
    await socket.waitForConnections(1);
    slack.failNext('apps.connections.open', { error: 'invalid_auth' });
    socket.drop();
    const code = await child.exited;
    const output = child.output.join('\n');
    assert.equal(code, 1, output);
    const fatal = child.output.filter((line) => line.includes('"event":"fatal"'));
    assert.equal(fatal.length, 1, output);
    assert.match(fatal[0] ?? '', /invalid_auth/);
    assert.ok(!output.includes(APP_TOKEN), 'the app token never reaches the output');
  });
});
