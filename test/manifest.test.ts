// manifest.yml and the listeners must agree: every command and event Slack is told to send has a
// listener, and every listener's surface is declared (or Slack would never deliver it).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { COMMAND } from '../src/slack/ids.ts';

const manifest = await readFile(new URL('../manifest.yml', import.meta.url), 'utf8');
const listeners = await Promise.all(
  ['mention.ts', 'command.ts', 'actions.ts'].map((file) => readFile(new URL(`../src/slack/listeners/${file}`, import.meta.url), 'utf8')),
);
const source = listeners.join('\n');

function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  assert.ok(start >= 0, `manifest has no ${key}`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+(\S+)/.exec(line);
    if (!item) break;
    items.push(item[1] as string);
  }
  return items;
}

test('the slash command in the manifest is the one the app listens to', () => {
  const commands = [...manifest.matchAll(/-\s+command:\s+(\S+)/g)].map((m) => m[1]);
  assert.deepEqual(commands, [COMMAND]);
  assert.match(source, /app\.command\('\/ohmymkt'/);
});

test('every bot event in the manifest has a listener, and thread replies are subscribed', () => {
  const events = listUnder('bot_events');
  assert.ok(events.includes('app_mention'));
  assert.match(source, /app\.event\('app_mention'/);
  const messageEvents = events.filter((e) => e.startsWith('message.'));
  assert.ok(messageEvents.length > 0, 'thread replies need message.* events');
  assert.match(source, /app\.message\(/);
  assert.deepEqual(events.filter((e) => e !== 'app_mention' && !e.startsWith('message.')), []);
});

test('the scopes cover what the app calls', () => {
  const scopes = listUnder('bot');
  for (const scope of ['app_mentions:read', 'chat:write', 'commands', 'reactions:write', 'assistant:write', 'channels:history']) {
    assert.ok(scopes.includes(scope), `missing scope ${scope}`);
  }
});

test('interactivity is on, for Approve / Reject and the modals', () => {
  assert.match(manifest, /interactivity:\s*\n\s+is_enabled: true/);
});
