// Starting with something wrong, as a person deploying the app would: each failure says what is wrong and
// what to do, with the exit code a supervisor reads (2: fix the configuration; 1: try again later). A bad
// Claude key or model is reported in the start log and does not stop the start.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { childEnv, freePort, spawnApp, type ChildApp } from '../support/child-app.ts';
import { REFUSED_API_KEY } from '../support/fake-claude-model-info.ts';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';

const WHERE =
  'copy the "Bot User OAuth Token" (xoxb-…) from your Slack app\'s settings (api.slack.com/apps → your app → ' +
  'OAuth & Permissions); if none is shown, install the app to the workspace there first';

describe('errors a person can act on at start', () => {
  let slack: FakeSlack;
  let claude: FakeClaude;
  let dataDir: string;
  const children: ChildApp[] = [];

  before(async () => {
    slack = await startFakeSlack();
    claude = await startFakeClaude();
    dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-start-errors-'));
  });
  after(async () => {
    for (const child of children) await child.kill('SIGKILL');
    await claude.close();
    await slack.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(extra: Record<string, string>, apiUrl = slack.apiUrl): Promise<ChildApp> {
    const child = await spawnApp(childEnv(apiUrl, dataDir, 0, extra));
    children.push(child);
    return child;
  }

  /** Exit code and everything printed, once the process stopped by itself. */
  async function exitOf(child: ChildApp): Promise<{ code: number | string; output: string }> {
    const code = await child.exited;
    return { code, output: child.output.join('\n') };
  }

  /** Waits until the child logged `count` lines of `event`, and returns them parsed. */
  async function logged(child: ChildApp, event: string, count: number): Promise<Array<Record<string, unknown>>> {
    for (let i = 0; i < 200; i += 1) {
      const lines = child.output.filter((line) => line.includes(`"event":"${event}"`)).map((line) => JSON.parse(line) as Record<string, unknown>);
      if (lines.length >= count) return lines;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`no ${count} ${event} lines in:\n${child.output.join('\n')}`);
  }

  for (const [error, why] of [
    ['token_revoked', 'it was revoked (the app was uninstalled or its tokens regenerated)'],
    ['invalid_auth', 'Slack does not recognise it (a typo, or a token of another app or workspace)'],
  ] as const) {
    test(`a bot token Slack answers ${error} to: exit 2, naming the variable, why and where to get a new one`, { timeout: 60_000 }, async () => {
      slack.failNext('auth.test', { error });
      const { code, output } = await exitOf(await start({}));
      assert.equal(code, 2, output);
      assert.equal(output, `ohmymkt cannot start; fix the environment:\n  - SLACK_BOT_TOKEN was refused by Slack (${error}): ${why}; ${WHERE}`);
    });
  }

  test('Slack unreachable: exit 1, naming the host and pointing at the network and proxy', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}/api/`;
    const { code, output } = await exitOf(await start({}, apiUrl));
    assert.equal(code, 1, output);
    // Before it, one warning per attempt of the WebClient's retries.
    assert.equal(
      output.split('\n').at(-1),
      `ohmymkt failed to start: Slack could not be reached at 127.0.0.1:${port} (SLACK_API_URL=${apiUrl}): ` +
        `connect ECONNREFUSED 127.0.0.1:${port}. Check this machine's network and any proxy (HTTPS_PROXY) between it ` +
        `and 127.0.0.1:${port}, and that SLACK_API_URL is right.`,
    );
  });

  test('unknown agent names in OHMYMKT_AGENT_MODELS are listed with the other problems: exit 2', { timeout: 60_000 }, async () => {
    const { code, output } = await exitOf(await start({ OHMYMKT_AGENT_MODELS: 'plan-reviewer=claude-opus-5-5,growth-manger=claude-haiku-5-5', PORT: 'eighty' }));
    assert.equal(code, 2, output);
    assert.equal(
      output,
      'ohmymkt cannot start; fix the environment:\n' +
        '  - PORT must be a port number\n' +
        '  - OHMYMKT_AGENT_MODELS names an unknown agent "growth-manger"; the agents are growth-manager, ' +
        'requirements-analyst, plan-reviewer, execution-manager, research-agent, growth-analyst, content-writer, ' +
        'content-ops, seo-engineer, aeo-specialist',
    );
  });

  test('the start log says which models the key can use; a model it cannot use does not stop the start', { timeout: 60_000 }, async () => {
    const child = await start({ ANTHROPIC_API_KEY: 'sk-ant-api03-good-key', ANTHROPIC_BASE_URL: claude.baseUrl, OHMYMKT_FAST_MODEL: 'claude-haiku-9-9' });
    assert.ok(child.output.some((line) => line.includes('"event":"started"')), child.output.join('\n'));
    const checks = await logged(child, 'claude_check', 2);
    assert.deepEqual(
      checks.map(({ level, model, result, message }) => ({ level, model, result, message })),
      [
        { level: 'info', model: 'claude-sonnet-5-5', result: 'ok', message: undefined },
        {
          level: 'warn',
          model: 'claude-haiku-9-9',
          result: 'model_unavailable',
          message: "model claude-haiku-9-9 isn't available to this API key; set OHMYMKT_FAST_MODEL to a model it can use.",
        },
      ],
    );
    assert.equal(child.process.exitCode, null, 'the app keeps running');
    await child.kill('SIGTERM');
  });

  test('a key Claude refuses is said once in the start log, and the app keeps running', { timeout: 60_000 }, async () => {
    const child = await start({ ANTHROPIC_API_KEY: REFUSED_API_KEY, ANTHROPIC_BASE_URL: claude.baseUrl });
    const [check, ...more] = await logged(child, 'claude_check', 1);
    assert.deepEqual(
      { level: check?.['level'], result: check?.['result'], message: check?.['message'] },
      {
        level: 'warn',
        result: 'bad_key',
        message:
          'Claude refused ANTHROPIC_API_KEY (authentication_error): the key is wrong, revoked or expired. Create a key at ' +
          'console.anthropic.com → Settings → API keys and set ANTHROPIC_API_KEY. Agents cannot run until then; slash commands work.',
      },
    );
    assert.deepEqual(more, []);
    assert.ok(!child.output.join('\n').includes(REFUSED_API_KEY), 'the key never reaches the log');
    assert.equal(child.process.exitCode, null, 'the app keeps running');
    await child.kill('SIGTERM');
  });
});
