// The human start line: the mode and what to paste (HTTP) or that Slack is connected (Socket Mode),
// Claude's state and whether provider keys can be saved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { startedSummary } from '../src/started.ts';

const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing-secret-1' };

test('HTTP mode names the port and the Request URL to paste; Claude off and provider keys blocked say what to set', () => {
  const line = startedSummary(loadConfig(base), 3000);
  assert.match(line, /^ohmymkt is running · HTTP on port 3000: paste https:\/\/<your public host>\/slack\/events as the Request URL/);
  assert.match(line, /Claude: off, set ANTHROPIC_API_KEY/);
  assert.match(line, /provider keys: cannot be saved until OHMYMKT_SECRET_KEY is set$/);
});

test('OAuth mode says where workspaces install', () => {
  const oauth = { SLACK_SIGNING_SECRET: 'signing-secret-1', SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'c'.repeat(20), SLACK_STATE_SECRET: 's'.repeat(32), OHMYMKT_SECRET_KEY: 'k'.repeat(32) };
  assert.match(startedSummary(loadConfig(oauth), 3000), /\/slack\/events as the Request URL.* · workspaces install at https:\/\/<your public host>\/slack\/install · Claude/);
  assert.doesNotMatch(startedSummary(loadConfig(base), 3000), /slack\/install/);
});

test('Socket Mode says connected; Claude on names the models; a secret key lets provider keys be saved', () => {
  const config = loadConfig({ ...base, SLACK_APP_TOKEN: 'xapp-1-A-1', ANTHROPIC_API_KEY: 'sk-ant-x', OHMYMKT_SECRET_KEY: 'k'.repeat(32), OHMYMKT_MODEL: 'claude-opus-5-5' });
  const line = startedSummary(config, undefined);
  assert.match(line, /Socket Mode: connected to Slack · Claude: on \(claude-opus-5-5, specialists /);
  assert.match(line, /provider keys: can be saved/);
  assert.doesNotMatch(line, /sk-ant-x|kkkk/);
});
