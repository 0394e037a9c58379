// A worker that loses its run's lease (another replica took the run over) stops the step before its
// next tool, so no run is ever worked by two processes at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET, type Harness } from '../support/app-harness.ts';
import { agentOf, callTool, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { appMention, eventCallback, postToSlackApp } from '../support/slack-requests.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
let h: Harness;
let claude: FakeClaude;

before(async () => {
  // Renewed every second: the loss is noticed while the model is still answering.
  ({ h, claude } = await startScenario(undefined, { OHMYMKT_LEASE_SECONDS: '3' }));
});
after(() => stopScenario({ h, claude }));

test('a lost lease aborts the step: the tool the model asked for never runs', async () => {
  scriptAgents(claude, {
    'growth-manager': () => say('Brief: log the outage.'),
    'execution-manager': (request) =>
      toolResults(request).length === 0
        ? { ...callTool('ohmymkt_incident', { action: 'open', severity: 'low', summary: 'Status page is down' }), delayMs: 8_000 }
        : say('Logged.'),
  });
  const ts = freshTs();
  const key = `${program.teamId}:${program.channelId}:${ts}`;
  await postToSlackApp(h.url, SIGNING_SECRET, eventCallback({ event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> ulw log the status page outage', ts }) }));
  const leases = h.app.services.repos.runLeases;
  const deadline = Date.now() + 5_000;
  while (!claude.requests.some((r) => agentOf(r.body) === 'execution-manager')) {
    assert.ok(Date.now() < deadline, 'execution-manager was never asked');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Another replica takes the run over, as it would after this one missed its renewals.
  const holder = await leases.holder(key, new Date());
  assert.ok(holder);
  await leases.release(key, holder);
  assert.equal(await leases.acquire(key, 'another-replica', new Date(Date.now() + 60_000), new Date()), true);

  // The step ends either by its abort (within a renewal, about a second) or, without one, after the
  // model's answer and the tool it asks for; settling waits for whichever comes, with no fixed sleep.
  await h.settle();
  assert.deepEqual(await h.app.services.repos.incidents.list(program), [], 'the tool did not run');
  assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'executing', 'the run is left to its new holder');
  assert.equal(await leases.holder(key, new Date()), 'another-replica');
});
