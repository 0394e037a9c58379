// `/ohmymkt` through signed slash-command requests to the running app: what the person sees, and
// what is stored (read back through the same store the app uses).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../../src/clock.ts';
import { addAsset, decideAsset, listAssets } from '../../src/services/assets.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { openRepositories, type Repositories } from '../../src/store/repos/index.ts';
import { CHANNEL, PERSON, startHarness, type Harness } from '../support/app-harness.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { isPrivate, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

function only(replies: SlackCall[], predicate: (call: SlackCall) => boolean = () => true): SlackCall {
  const matching = replies.filter((call) => (call.method === 'response_url' || call.method === 'chat.postMessage') && predicate(call));
  assert.equal(matching.length, 1, `expected one reply, got ${matching.map((c) => c.method).join(', ') || 'none'}`);
  return matching[0] as SlackCall;
}

describe('/ohmymkt', () => {
  let dir: string;
  let store: DocumentStore;
  let repos: Repositories;
  let h: Harness;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-commands-'));
    store = await openEmbeddedStore(dir);
    repos = await openRepositories(store);
    h = await startHarness({ store });
  });
  after(async () => {
    await h.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A refused input: answered privately in the ack, naming the problem and showing that command's usage. */
  async function refused(text: string, problem: RegExp, usage = /incident open <high\|medium\|low\|P0\|P1\|P2>/): Promise<void> {
    const auditBefore = (await repos.audit.list(program)).length;
    const { ack, replies } = await h.command(text);
    assert.equal(ack.status, 200);
    const body = ack.json as { response_type?: string; text?: string; blocks?: unknown };
    assert.equal(body.response_type, 'ephemeral');
    const shown = shownText({ method: 'ack', args: body as Record<string, unknown>, token: undefined, status: 200, response: {} });
    assert.match(shown, problem);
    assert.match(shown, usage);
    assert.equal(replies.filter((c) => c.method !== 'auth.test').length, 0, 'a refused command must not reach Slack or the store');
    assert.equal((await repos.audit.list(program)).length, auditBefore, 'a refused command must change nothing');
  }

  test('help lists the grammar privately', async () => {
    const { ack } = await h.command('help');
    const body = ack.json as { response_type: string; text: string };
    assert.equal(body.response_type, 'ephemeral');
    assert.match(JSON.stringify(body), /approvers add @user/);
  });

  test('bad inputs are refused privately and change nothing', async () => {
    await refused('launch everything', /"launch" is not an ohmymkt command/);
    await refused('incident open critical site down', /"critical" is not a severity/);
    await refused('incident open high', /needs a summary/);
    await refused('incident update nope note', /"nope" is not an incident id/);
    await refused('report 400d', /"400d" is not a report window/, /report \[<n>d\] \[post\]/);
    await refused('cycle yearly', /"yearly" is not a cadence/, /cycle run \[weekly\|monthly\|quarterly\]/);
    await refused('approvers add bob', /"bob" is not a person/, /approvers add @user/);
    await refused(`incident open low ${'x'.repeat(5000)}`, /too long/);
  });

  test('a mistyped command shows its own usage, not the whole list', async () => {
    const { ack } = await h.command('cycle yearly');
    const shown = shownText({ method: 'ack', args: ack.json as Record<string, unknown>, token: undefined, status: 200, response: {} });
    assert.match(shown, /\/ohmymkt cycle \[weekly\|monthly\|quarterly\]/);
    assert.doesNotMatch(shown, /incident open|approvers add|policy four-eyes/);
  });

  test('service-level refusals are private, name the problem and change nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['gates set capacity_gate.rolling_weeks_feasible=lots', /lots/],
      ['gates set ownership_gate.priority_query_coverage=85', /0\.\.1|between 0 and 1|85/],
      ['gates set strategy_gate.approved=no', /true or false|"no"/],
      ['gates set launch_gate.ready=true', /launch_gate/],
      ['metrics set visibility.non_brand_visibility_trend=sideways', /sideways/],
      ['incident update INC-99 still broken', /INC-99/],
    ];
    for (const [text, problem] of cases) {
      const before = await repos.programs.load(program);
      const { replies } = await h.command(text);
      const reply = only(replies);
      assert.ok(isPrivate(reply), `${text}: the answer must be private`);
      assert.match(shownText(reply), problem, text);
      assert.deepEqual(await repos.programs.load(program), before, `${text}: state must not change`);
    }
  });

  test('gates shows the five gates, and gates set stores a typed value', async () => {
    const shown = shownText(only((await h.command('gates')).replies));
    for (const gate of ['strategy_gate', 'compliance_gate', 'capacity_gate', 'data_gate', 'ownership_gate']) assert.match(shown, new RegExp(gate));
    const replies = (await h.command('gates set capacity_gate.rolling_weeks_feasible=8')).replies;
    assert.ok(isPrivate(only(replies, isPrivate)));
    const audit = only(replies, (call) => !isPrivate(call));
    assert.match(shownText(audit), new RegExp(`:memo: <@${PERSON}> set capacity_gate.rolling_weeks_feasible → 8$`));
    const { state } = await repos.programs.load(program);
    assert.equal(state.gates.capacity_gate?.rolling_weeks_feasible, 8);
    const [entry] = (await repos.audit.list(program)).filter((e) => e.entry.action === 'gates.set');
    assert.deepEqual(entry?.entry.actor, { userId: PERSON, surface: 'slash' });
  });

  test('metrics set stores a trend, case-insensitive', async () => {
    await h.command('metrics set visibility.non_brand_visibility_trend=UP');
    const { state } = await repos.programs.load(program);
    assert.equal(state.metrics.visibility?.non_brand_visibility_trend?.trend, 'up');
    assert.match(shownText(only((await h.command('metrics')).replies)), /non_brand_visibility_trend/);
  });

  test('incident open posts an alert in the channel with the id; update and resolve reply in its thread, the resolution also in the channel', async () => {
    const openReplies = (await h.command('incident open high module:technical_foundation Checkout pages return 500')).replies;
    const opened = only(openReplies, (call) => call.args['thread_ts'] === undefined);
    assert.equal(opened.method, 'chat.postMessage');
    const note = only(openReplies, (call) => call.args['thread_ts'] === opened.response['ts']);
    assert.match(shownText(note), /No resequence proposal: .*ANTHROPIC_API_KEY/s, 'without Claude the alert thread says how to get a proposal');
    assert.equal(opened.args['channel'], CHANNEL);
    assert.match(shownText(opened), /INC-1/);
    assert.match(shownText(opened), /Checkout pages return 500/);
    const [stored] = await repos.incidents.list(program);
    assert.equal(stored?.severity, 'high');
    assert.equal(stored?.module, 'technical_foundation');

    const status = shownText(only((await h.command('status')).replies));
    assert.match(status, /INC-1/);

    const listed = only((await h.command('incident list')).replies);
    assert.ok(isPrivate(listed));
    assert.match(shownText(listed), /INC-1/);

    const updated = only((await h.command('incident update inc-1 Rolled back the deploy')).replies);
    assert.equal(updated.args['thread_ts'], opened.response['ts'], 'the update replies in the alert thread');
    assert.equal((await repos.incidents.get(program, 'INC-1'))?.value.notes[0]?.text, 'Rolled back the deploy');

    const cyclesBefore = (await repos.cycles.list(program)).length;
    const { replies } = await h.command('incident resolve INC-1 fixed');
    const posted = replies.filter((call) => call.method === 'chat.postMessage');
    assert.equal(posted.length, 1, 'with no active campaign: the resolution only, no cycle and no report');
    assert.equal(posted[0]?.args['thread_ts'], opened.response['ts'], 'the resolution replies in the alert thread');
    assert.equal(String(posted[0]?.args['reply_broadcast']), 'true', 'and is shown in the channel too');
    assert.match(shownText(posted[0] as SlackCall), /INC-1 resolved/);
    assert.equal((await repos.incidents.get(program, 'INC-1'))?.value.status, 'resolved');
    assert.equal((await repos.cycles.list(program)).length, cyclesBefore);

    const again = only((await h.command('incident resolve INC-1')).replies);
    assert.ok(isPrivate(again));
    assert.match(shownText(again), /already resolved/);
  });

  test('cycle shows the recommendation privately and records nothing, however often it is asked', async () => {
    const before = await repos.cycles.list(program);
    const recorded = async () => (await repos.audit.list(program)).filter((row) => row.entry.action === 'cycle.run').length;
    const auditedBefore = await recorded();
    for (let i = 0; i < 2; i += 1) {
      const shown = only((await h.command('cycle monthly')).replies);
      assert.ok(isPrivate(shown));
      assert.match(shownText(shown), /rebalance cluster-level investment/);
      assert.match(shownText(shown), /Not recorded\. `\/ohmymkt cycle run monthly` records it/);
    }
    assert.equal((await repos.cycles.list(program)).length, before.length);
    assert.equal(await recorded(), auditedBefore);
  });

  test('cycle run records one cycle and posts it in the channel', async () => {
    const before = (await repos.cycles.list(program)).length;
    const posted = only((await h.command('cycle run monthly')).replies);
    assert.equal(posted.method, 'chat.postMessage');
    assert.match(shownText(posted), /Monthly cycle/);
    assert.equal((await repos.cycles.list(program)).length, before + 1);
  });

  test('report answers privately; report post shares it in the channel', async () => {
    const report = only((await h.command('report 90d')).replies);
    assert.ok(isPrivate(report));
    assert.match(shownText(report), /90d/);
    assert.match(shownText(report), /no scale modules until all startup gates pass/);
    const shared = only((await h.command('report 7d post')).replies);
    assert.equal(shared.method, 'chat.postMessage');
    assert.match(shownText(shared), /7d/);
  });

  test('approvers add, list, refuse a duplicate, remove', async () => {
    await h.command('approvers add <@U0APPROVE1|amy>');
    assert.deepEqual((await repos.programs.load(program)).state.approvers, ['U0APPROVE1']);
    assert.match(shownText(only((await h.command('approvers')).replies)), /U0APPROVE1/);
    assert.match(shownText(only((await h.command('approvers add <@U0APPROVE1>')).replies)), /already/);
    await h.command('approvers remove <@U0APPROVE1>');
    assert.deepEqual((await repos.programs.load(program)).state.approvers, []);
  });

  test('plans answers privately even when there are none', async () => {
    const reply = only((await h.command('plans')).replies);
    assert.ok(isPrivate(reply));
  });

  test('assets shows the manifest privately, what needs a person first, and changes nothing; `assets extra` is refused', async () => {
    const empty = only((await h.command('assets')).replies);
    assert.ok(isPrivate(empty), 'an empty manifest is answered privately');
    assert.match(shownText(empty), /No assets yet\* — content-writer adds them during a run/);

    const services = { repos, clock: systemClock };
    const writer = { userId: PERSON, surface: 'agent' as const, agent: 'content-writer' };
    const seeded = [
      await addAsset(services, program, writer, { type: 'blog', name: 'Webinar recap <!channel>', format: 'text', location: 'https://example.com/blog/recap?utm=a&b=c' }),
      await addAsset(services, program, writer, { type: 'email', name: 'Launch email', format: 'text', status: 'review' }),
      await addAsset(services, program, writer, { type: 'image', name: 'Hero image', format: 'image', status: 'draft', location: 'drive/hero final.png' }),
      await addAsset(services, program, writer, { type: 'social_post', name: 'LinkedIn teaser', format: 'text', status: 'review' }),
    ];
    assert.ok(seeded.every((result) => result.ok));
    assert.ok((await decideAsset(services, program, { userId: 'U0APPROVE1', surface: 'action' }, 'AST-4', 'approve')).ok);

    const assetsBefore = await listAssets(services, program);
    const auditBefore = (await repos.audit.list(program)).length;
    const reply = only((await h.command('assets')).replies);
    assert.ok(isPrivate(reply), 'the manifest is answered privately');
    const shown = shownText(reply);
    assert.match(shown, /4 assets · 1 planned · 1 draft · 1 in review · 1 approved · 0 published/);
    const order = ['*AST-2* Launch email', '*AST-4* LinkedIn teaser', '*AST-3* Hero image', '*AST-1* Webinar recap <!channel>'].map((line) => shown.indexOf(line));
    assert.ok(order.every((at) => at >= 0), `a line is missing:\n${shown}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'review, then approved, then draft, then planned');
    assert.match(shown, /approve or send back each one from its card in the run's thread/);
    assert.match(shown, /\*AST-4\* LinkedIn teaser — social post · text · approved · changed by <@U0APPROVE1> <!date\^/);
    assert.match(shown, /\*AST-1\* .* · changed by <@U0PERSON01> \(via content-writer\) <!date\^[^>]+> · <https:\/\/example\.com\/blog\/recap\?utm=a&b=c\|open>/);
    assert.match(shown, /\*AST-3\* .* · drive\/hero final\.png/);
    assert.ok(!JSON.stringify(reply.args['blocks']).includes('<!channel>'), 'a name cannot broadcast');
    assert.deepEqual(await listAssets(services, program), assetsBefore, 'listing changes no asset');
    assert.equal((await repos.audit.list(program)).length, auditBefore, 'listing records nothing');

    await refused('assets extra', /`assets` takes nothing after it \(got "extra"\)/, /\/ohmymkt assets +the asset manifest/);
    assert.deepEqual(await listAssets(services, program), assetsBefore, 'a refused command changes no asset');
  });

  test('provider opens the provider settings modal', async () => {
    const { replies } = await h.command('provider');
    const [opened] = replies.filter((call) => call.method === 'views.open');
    assert.ok(opened, 'views.open was not called');
    assert.equal(opened.response['ok'], true);
    assert.match(shownText(opened), /OpenAI Images/);
  });

  test('ulw starts a run under a message of its own, with the route in its thread', async () => {
    const { replies } = await h.command('ulw draft three LinkedIn posts about the webinar');
    const parent = replies.find((call) => call.method === 'chat.postMessage' && call.args['thread_ts'] === undefined);
    assert.ok(parent, 'no run message in the channel');
    assert.match(shownText(parent), /<@U0PERSON01> asked: draft three LinkedIn posts/);
    const route = replies.find((call) => call.args['thread_ts'] === parent.response['ts'] && /Route:/.test(shownText(call)));
    assert.match(shownText(route as SlackCall), /Route: ultrawork/);
    const run = await repos.runs.get(program, String(parent.response['ts']));
    assert.equal(run?.route, 'ultrawork');
    assert.equal(run?.request, 'draft three LinkedIn posts about the webinar');
  });

  test('a retried slash command delivery is handled once', async () => {
    const before = (await repos.incidents.list(program)).length;
    const trigger = '13000000999.738000999.retriedtrigger000000';
    await h.command('incident open low Newsletter template typo', { triggerId: trigger });
    await h.command('incident open low Newsletter template typo', { triggerId: trigger });
    assert.equal((await repos.incidents.list(program)).length, before + 1);
  });

  test('a restart keeps every stored state', async () => {
    // What it checks is stored here too, so the test runs alone (--test-name-pattern).
    await h.command('gates set capacity_gate.rolling_weeks_feasible=8');
    await h.command('incident open low Stored before the restart');
    await h.restart();
    const shown = shownText(only((await h.command('gates')).replies));
    assert.match(shown, /capacity_gate/);
    assert.equal((await repos.programs.load(program)).state.gates.capacity_gate?.rolling_weeks_feasible, 8);
    assert.ok((await repos.incidents.list(program)).length >= 1);
  });
});
