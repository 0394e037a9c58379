// Nothing posted can ping by accident: a corpus of broadcast injections goes in through every door a
// person or a model has (mention, `ulw`, incident summaries, gate values, approvers, questions and
// answers, agents' words, the closing summary) and no live `<!channel>`, `<!here>`, `<!everyone>`,
// `<!subteam^…>` or bare `@here` comes out at the fake Slack, while the app's own mentions stay live.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { callTool, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';

const INJECTIONS = [
  '<!channel>',
  '<!here>',
  '<!here|here>',
  '<!everyone>',
  '<!subteam^S0123ABCD|@marketing>',
  '<!CHANNEL>',
  '<<!channel>>',
  '<!channel',
  '<https://evil.example|<!here>>',
  '@channel',
  '@here please',
  '(@everyone)',
  '<@U0VICTIM01>',
  '&lt;!channel&gt; <!channel>',
  '`<!here>`',
  '> <!everyone>',
  '*<!channel>*',
  '\n<!here>\n',
];
const CORPUS = INJECTIONS.join(' ');

const LIVE_SEQUENCE = /<!(?:channel|here|everyone|subteam\^)/i;
const BARE_WORD = /(^|[^\w@\u2060])@(?:channel|here|everyone)\b/i;

/** Every string the app sent to Slack in a call's arguments (text, blocks, fallbacks, views). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function liveBroadcasts(calls: SlackCall[]): string[] {
  return calls.flatMap((call) => strings(call.args).filter((text) => LIVE_SEQUENCE.test(text) || BARE_WORD.test(text)).map((text) => `${call.method}: ${text.slice(0, 200)}`));
}

describe('broadcast injection fuzz', () => {
  let h: Harness;
  let claude: FakeClaude;

  beforeEach(async () => {
    ({ h, claude } = await startScenario(undefined, {}));
    scriptAgents(claude, {
      'growth-manager': () => say(`Brief for the team ${CORPUS}\n• done ${CORPUS}`),
      'execution-manager': (request) =>
        toolResults(request).length === 0 ? callTool('delegate', { agent: 'content-writer', task: `Write it ${CORPUS}` }) : say(`Sequenced ${CORPUS}`),
      'content-writer': () => say(`Draft ${CORPUS}`),
      'requirements-analyst': () => say(`Question for you ${CORPUS}?`),
    });
  });
  afterEach(() => stopScenario({ h, claude }));

  test('zero live broadcasts reach Slack through any posting path', async () => {
    await h.command(`ulw ${CORPUS}`);
    const mentionTs = freshTs();
    await h.mention(`<@U0OHMYBOT> ulw ${CORPUS}`, { ts: mentionTs });
    await h.mention(`<@U0OHMYBOT> plan this ${CORPUS}`);
    for (const injection of INJECTIONS) {
      await h.command(`incident open low ${injection} broke`);
      await h.command(`gates set compliance_gate.accepted_by_all=${injection.replace(/\s+/g, '')}`);
      await h.command(`metrics set ${injection.replace(/\s+/g, '')}=up`);
      // Naming a real person in `approvers add` is meant to mention them; every other form is refused.
      if (!injection.startsWith('<@')) await h.command(`approvers add ${injection.replace(/\s+/g, '')}`);
      await h.command(injection);
    }
    await h.command(`incident update INC-1 ${CORPUS}`);
    await h.command(`incident resolve INC-2 ${CORPUS}`);
    await h.settle();

    const sent = h.slack.calls.filter((call) => call.method !== 'users.info');
    assert.ok(sent.length > 50, `the corpus reached many posts (${sent.length})`);
    assert.deepEqual(liveBroadcasts(sent), []);
    // The app's own mention of the requester is still a live mention.
    assert.ok(sent.some((call) => strings(call.args).some((text) => text.includes(`<@${PERSON}> asked:`))));
    const victims = sent.flatMap((call) => strings(call.args).filter((text) => text.includes('<@U0VICTIM01>')).map((text) => `${call.method}: ${text.slice(0, 300)}`));
    assert.deepEqual(victims, [], 'a raw mention typed by someone is not live');
  });
});
