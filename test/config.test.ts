// The environment contract: one schema, every problem listed at once, secrets never echoed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { ConfigError, ENV_VARIABLES, loadConfig } from '../src/config.ts';

const valid = { SLACK_BOT_TOKEN: 'xoxb-111-222-abc', SLACK_SIGNING_SECRET: 'shhh-signing-secret' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  return [];
}

describe('loadConfig', () => {
  test('applies the documented defaults', () => {
    const config = loadConfig(valid);
    assert.equal(config.slack.mode, 'http');
    assert.equal(config.port, 3000);
    assert.equal(config.store.mongodbUri, undefined);
    assert.equal(config.store.dataDir, './.ohmymkt');
    assert.equal(config.timezone, 'UTC');
    assert.equal(config.weeklyCron, '0 9 * * 1');
    assert.ok(Object.isFrozen(config));
  });

  test('an app token switches to Socket Mode and needs no signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    assert.equal(config.slack.mode, 'socket');
  });

  test('lists every problem at once', () => {
    const found = problems({
      SLACK_BOT_TOKEN: 'not-a-token',
      PORT: 'eighty',
      OHMYMKT_TIMEZONE: 'Mars/Olympus',
      OHMYMKT_WEEKLY_CRON: 'every monday',
      MONGODB_URI: 'postgres://x',
      OHMYMKT_SECRET_KEY: 'short',
    });
    const variables = found.map((p) => p.split(' ')[0]);
    assert.deepEqual(variables.sort(), [
      'MONGODB_URI',
      'OHMYMKT_SECRET_KEY',
      'OHMYMKT_TIMEZONE',
      'OHMYMKT_WEEKLY_CRON',
      'PORT',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
  });

  test('never echoes a secret value in its message', () => {
    const secret = 'xoxp-user-token-should-not-appear';
    const found = problems({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: 'abc' });
    assert.ok(found.length > 0);
    assert.ok(found.every((p) => !p.includes(secret)));
  });

  test('the drain deadline, run lease and store wait default to 25 s, 60 s and 10 min, and a bad value names its variable', () => {
    const config = loadConfig(valid);
    assert.deepEqual([config.drainSeconds, config.leaseSeconds, config.storeWaitSeconds], [25, 60, 600]);
    assert.equal(loadConfig({ ...valid, OHMYMKT_DRAIN_SECONDS: '5' }).drainSeconds, 5);
    const found = problems({ ...valid, OHMYMKT_DRAIN_SECONDS: 'soon', OHMYMKT_LEASE_SECONDS: '1' });
    assert.ok(found.some((p) => /^OHMYMKT_DRAIN_SECONDS must be a number of seconds/.test(p)), found.join('\n'));
    assert.ok(found.some((p) => /^OHMYMKT_LEASE_SECONDS must be at least 3 seconds/.test(p)), found.join('\n'));
  });

  test('per-agent model overrides are parsed', () => {
    const config = loadConfig({ ...valid, OHMYMKT_AGENT_MODELS: 'growth-manager=claude-opus-5-5, content-writer=claude-sonnet-5-5' });
    assert.deepEqual(config.anthropic.agentModels, { 'growth-manager': 'claude-opus-5-5', 'content-writer': 'claude-sonnet-5-5' });
  });
});

describe('OAuth distribution (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)', () => {
  const oauth = {
    SLACK_SIGNING_SECRET: 'shhh-signing-secret',
    SLACK_CLIENT_ID: '1111111111.2222222222',
    SLACK_CLIENT_SECRET: 'client-secret-0123456789abcdef',
    SLACK_STATE_SECRET: 'state-secret-0123456789abcdef-0123456789',
    OHMYMKT_SECRET_KEY: 'secret-key-0123456789abcdef-0123456789',
  };

  test('all three with the secret key replace SLACK_BOT_TOKEN', () => {
    const config = loadConfig(oauth);
    assert.equal(config.slack.botToken, undefined);
    assert.deepEqual(config.slack.oauth, { clientId: oauth.SLACK_CLIENT_ID, clientSecret: oauth.SLACK_CLIENT_SECRET, stateSecret: oauth.SLACK_STATE_SECRET });
    assert.equal(loadConfig(valid).slack.oauth, undefined);
  });

  test('some but not all three is refused, naming the missing ones', () => {
    const found = problems({ ...valid, SLACK_CLIENT_ID: oauth.SLACK_CLIENT_ID, OHMYMKT_SECRET_KEY: oauth.OHMYMKT_SECRET_KEY });
    assert.ok(found.some((p) => /^SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing: .* go together/.test(p)), found.join('\n'));
  });

  test('a bot token beside them is refused: the two modes are exclusive', () => {
    const found = problems({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-111-222-abc' });
    assert.equal(found.length, 1);
    assert.match(found[0] as string, /^SLACK_BOT_TOKEN must be unset in OAuth mode/);
  });

  test('OAuth without OHMYMKT_SECRET_KEY is refused: installation tokens are stored sealed with it', () => {
    const { OHMYMKT_SECRET_KEY: _key, ...withoutKey } = oauth;
    const found = problems(withoutKey);
    assert.equal(found.length, 1);
    assert.match(found[0] as string, /^OHMYMKT_SECRET_KEY is required in OAuth mode/);
  });

  test('neither a bot token nor OAuth says how to get either', () => {
    const found = problems({ SLACK_SIGNING_SECRET: 'shhh-signing-secret' });
    assert.equal(found.length, 1);
    assert.match(found[0] as string, /^SLACK_BOT_TOKEN is required: .*or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET/);
  });

  test('a malformed client id or a short state secret names its variable', () => {
    const found = problems({ ...oauth, SLACK_CLIENT_ID: 'my-app', SLACK_STATE_SECRET: 'short' });
    assert.deepEqual(found.map((p) => p.split(' ')[0]).sort(), ['SLACK_CLIENT_ID', 'SLACK_STATE_SECRET']);
  });
});

describe('npm start without a signing secret', () => {
  test('prints one clear message and exits with code 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env['PATH'] ?? '', OHMYMKT_ENV_FILE: '', SLACK_BOT_TOKEN: 'xoxb-secret-value-1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /SLACK_SIGNING_SECRET is required in HTTP mode/);
    assert.doesNotMatch(run.stderr, /xoxb-secret-value-1/);
    assert.equal(run.stderr.match(/ohmymkt cannot start/g)?.length, 1);
  });
});

describe('.env.example', () => {
  const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const entries = [...text.matchAll(/^(?:# )?([A-Z][A-Z0-9_]+)=(.*)$/gm)].map(([, name, value]) => [name as string, value as string] as const);

  test('lists every variable the configuration reads, and no other', () => {
    assert.deepEqual([...new Set(entries.map(([name]) => name))].sort(), [...ENV_VARIABLES].sort());
  });

  test('every example value it shows is accepted', () => {
    const examples = Object.fromEntries(entries.filter(([, value]) => value !== ''));
    assert.doesNotThrow(() => loadConfig({ ...valid, ...examples }));
  });
});
