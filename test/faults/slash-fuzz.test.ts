// 1,000 seeded random `/ohmymkt` inputs that are not valid commands (plus `help`): the app never
// crashes, answers each one privately inside the ack, calls no Slack method and writes nothing.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseCommand } from '../../src/slack/commands/table.ts';
import { startHarness, type Harness } from '../support/app-harness.ts';

const SEED = 0x5eed_0b1;
const INPUTS = 1000;

/** mulberry32: a tiny seeded PRNG, so a failing input can be reproduced from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADS = ['status', 'ulw', 'ultrawork', 'incident', 'gates', 'metrics', 'plans', 'assets', 'cycle', 'report', 'approvers', 'provider', 'help', 'STATUS', 'Incident', 'statu', 'ulw\u200b', 'gätes', '🚀', '--help', '-h', '/ohmymkt'];
const ACTIONS = ['open', 'update', 'resolve', 'list', 'set', 'add', 'remove', 'weekly', 'yearly', '7d', '0d', '-1d', '9999999d', 'P0', 'P9', 'critical', 'INC-1', 'INC-0', 'INC-99999999999999999999', 'module:', 'module:x'];
const ODD = ['<@U0PERSON01>', '<@U0PERSON01|dana>', '<@W123>', '<#C0PROGRAM1|general>', '<!channel>', '<https://example.com|x>', '&amp;', '&lt;script&gt;', '%00', '%zz', 'a=b', 'a.b.c=d', '=', '&', '+', '"', "'", '`', '\\', '\u0000', '\u202e', 'ｆｕｌｌｗｉｄｔｈ', 'مرحبا', '日本語', 'é', '👩🏽‍💻', '\ud800', '\n', '\t'];

function generate(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const junk = (length: number) => Array.from({ length }, () => String.fromCodePoint(0x20 + Math.floor(random() * 0x2ff0))).join('');
  const token = () => {
    const roll = random();
    if (roll < 0.3) return pick(ACTIONS);
    if (roll < 0.6) return pick(ODD);
    if (roll < 0.95) return junk(1 + Math.floor(random() * 12));
    return junk(3000 + Math.floor(random() * 3000)); // longer than any command Slack would send
  };
  const words = [random() < 0.8 ? pick(HEADS) : token(), ...Array.from({ length: Math.floor(random() * 6) }, token)];
  return words.join(pick([' ', '  ', '\u00a0', '\t']));
}

/** Inputs the parser refuses (and `help`, answered in the ack too): none may change anything. */
function invalidInputs(count: number): string[] {
  const random = prng(SEED);
  const inputs: string[] = [];
  while (inputs.length < count) {
    const text = generate(random);
    const parsed = parseCommand(text);
    if (!parsed.ok || parsed.value.kind === 'help') inputs.push(text);
  }
  return inputs;
}

/** Every datafile of the embedded store, byte for byte. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir)).sort();
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(join(dir, file), 'utf8')] as const)));
}

describe('1,000 random slash inputs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    // One valid, state-changing command first, so the store has something that could be disturbed.
    await h.command('incident open high the landing page is down');
  });
  after(async () => {
    await h.stop();
  });

  test('no crash, every answer private and in the ack, no Slack call and no write', async () => {
    const stored = await snapshot(h.dataDir);
    assert.ok([...stored.values()].some((content) => content.includes('landing page')), 'the incident is stored');
    const calls = h.slack.calls.length;
    const problems: string[] = [];
    for (const [index, text] of invalidInputs(INPUTS).entries()) {
      const { ack } = await h.command(text);
      const answer = ack.json as { response_type?: string; text?: string } | undefined;
      if (ack.status !== 200 || answer?.response_type !== 'ephemeral' || !answer.text) {
        problems.push(`#${index} ${JSON.stringify(text.slice(0, 80))}: ${ack.status} ${ack.text.slice(0, 120)}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(h.slack.calls.length, calls, 'no Slack method was called');
    assert.deepEqual(await snapshot(h.dataDir), stored, 'the store is unchanged');
    const health = await fetch(h.url.replace('/slack/events', '/healthz'));
    assert.equal(health.status, 200, 'the app still answers');
  });
});
