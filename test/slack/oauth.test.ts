// OAuth distribution end to end: workspaces install through the real HTTP flow (/slack/install → Slack's
// consent screen → /slack/oauth_redirect, where Bolt exchanges the code at the fake oauth.v2.access), then
// signed events, commands and scheduled reports of each workspace reach Slack with that workspace's token.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TRACKS } from '../../src/domain/metrics.ts';
import type { ProgramRef } from '../../src/domain/program.ts';
import { BOT_SCOPES } from '../../src/slack/oauth/options.ts';
import { freshTs, PERSON, startHarness, type Harness } from '../support/app-harness.ts';
import { startFakeSlack, type FakeSlack, type IssuedToken, type SlackCall } from '../support/fake-slack.ts';
import { botScopesOf, repoManifest } from '../support/fake-slack-manifest.ts';
import { authorizeUrlOf, CLIENT_ID, CLIENT_SECRET, installThroughOAuth, OAUTH_ENV, untilRunsSettle } from '../support/oauth-install.ts';
import { appMention, blockAction, eventCallback, slashCommand } from '../support/slack-requests.ts';
import { ACTION_IDS } from '../../src/slack/ids.ts';


const A = { teamId: 'T0AGENCYAA', teamName: 'Agency A', userId: 'U0ADMINAAA' };
const B = { teamId: 'T0CLIENTBB', teamName: 'Client B', userId: 'U0ADMINBBB' };
const ORG = { enterpriseId: 'E0ORGWIDE1', enterpriseName: 'Grid Org', orgWide: true, userId: 'U0ORGADMIN' };
const ORG_TEAM = 'T0ORGWSP01';
const CHANNEL_A = 'C0AGENCYA1';
const CHANNEL_B = 'C0CLIENTB1';
const CHANNEL_ORG = 'C0ORGCHAN1';

/** Calls about a channel: every Web API call that names one. */
const channelOf = (call: SlackCall): string | undefined => call.args['channel'] ?? call.args['channel_id'];

describe('OAuth distribution to many workspaces', () => {
  let slack: FakeSlack;
  let h: Harness;
  let origin: string;
  const tokens = new Map<string, IssuedToken>();

  before(async () => {
    slack = await startFakeSlack();
    slack.oauth.registerApp(CLIENT_ID, CLIENT_SECRET);
    slack.oauth.bindChannel(CHANNEL_A, A.teamId);
    slack.oauth.bindChannel(CHANNEL_B, B.teamId);
    slack.oauth.bindChannel(CHANNEL_ORG, ORG_TEAM, ORG.enterpriseId);
    h = await startHarness({ slack, env: OAUTH_ENV });
    origin = `http://127.0.0.1:${h.app.port}`;
  });
  after(async () => {
    await h.stop();
    await slack.close();
  });

  const mention = (teamId: string, channel: string, text: string, extra: { enterpriseId?: string; orgWide?: boolean } = {}) =>
    h.post(eventCallback({ event: appMention({ channel, user: PERSON, text: `<@U0BOT> ${text}`, ts: freshTs(), teamId }), teamId, ...extra }));
  const command = (teamId: string, channel: string, text: string) =>
    h.post(slashCommand({ text, userId: PERSON, channelId: channel, teamId, responseUrl: slack.newResponseUrl({ channel }) }));
  const settleRuns = () => untilRunsSettle(h);

  test('/slack/install sends the browser to Slack asking for the bot scopes manifest.yml declares, with a state', async () => {
    const url = await authorizeUrlOf(origin);
    assert.equal(`${url.origin}${url.pathname}`, 'https://slack.com/oauth/v2/authorize');
    assert.equal(url.searchParams.get('client_id'), CLIENT_ID);
    assert.deepEqual(url.searchParams.get('scope')?.split(','), botScopesOf(repoManifest()));
    assert.deepEqual([...BOT_SCOPES], botScopesOf(repoManifest()));
    assert.ok((url.searchParams.get('state') ?? '').length > 20);
  });

  test('two workspaces install; each installation is stored with its bot token sealed, never in clear', async () => {
    for (const team of [A, B]) {
      const outcome = await installThroughOAuth(origin, slack, team);
      assert.equal(outcome.status, 200, outcome.body);
      assert.ok(outcome.issued);
      tokens.set(team.teamId, outcome.issued);
    }
    for (const team of [A, B]) {
      const stored = await h.app.services.repos.installations.get({ kind: 'team', teamId: team.teamId });
      const issued = tokens.get(team.teamId) as IssuedToken;
      assert.equal(stored?.botUserId, issued.botUserId);
      assert.equal(stored?.botId, issued.botId);
      assert.equal(stored?.installerUserId, team.userId);
      assert.deepEqual(stored?.scopes, [...BOT_SCOPES]);
      assert.equal(stored?.isEnterpriseInstall, false);
      assert.ok(!JSON.stringify(stored).includes(issued.token), 'the token is stored in clear');
    }
  });

  test('a code Slack refuses, or a redirect without the browser\'s state cookie, installs nothing', async () => {
    const C = { teamId: 'T0STRANGER', userId: 'U0STRANGER' };
    const badCode = await installThroughOAuth(origin, slack, C, { tamper: (code) => `${code}x` });
    assert.equal(badCode.status, 500, badCode.body);
    assert.equal(slack.callsOf('oauth.v2.access').at(-1)?.response['error'], 'invalid_code');
    const exchanges = slack.callsOf('oauth.v2.access').length;
    const noCookie = await installThroughOAuth(origin, slack, C, { cookie: () => 'slack-app-oauth-state=forged' });
    assert.equal(noCookie.status, 400, noCookie.body);
    assert.equal(slack.callsOf('oauth.v2.access').length, exchanges, 'the code was exchanged without a valid state');
    assert.equal(await h.app.services.repos.installations.get({ kind: 'team', teamId: C.teamId }), undefined);
  });

  test('mentions, commands and the runs they start call Slack with the token of their own workspace', async () => {
    const before = slack.calls.length;
    await Promise.all([
      mention(A.teamId, CHANNEL_A, 'plan a webinar series for Q3'),
      mention(B.teamId, CHANNEL_B, 'plan a newsletter relaunch'),
      command(A.teamId, CHANNEL_A, 'ulw refresh the pricing page copy'),
      command(B.teamId, CHANNEL_B, 'ulw draft three launch tweets'),
      command(A.teamId, CHANNEL_A, 'incident open high Checkout page down'),
      command(B.teamId, CHANNEL_B, 'incident open high Signup form broken'),
    ]);
    await settleRuns();
    const calls = slack.calls.slice(before).filter((call) => call.token !== undefined);
    const inA = calls.filter((call) => channelOf(call) === CHANNEL_A);
    const inB = calls.filter((call) => channelOf(call) === CHANNEL_B);
    // Each workspace saw its reaction, the ulw parent message, the incident alert and its runs' thread posts.
    for (const [seen, team] of [[inA, A], [inB, B]] as const) {
      const methods = new Set(seen.map((call) => call.method));
      assert.ok(methods.has('reactions.add') && methods.has('chat.postMessage'), `${team.teamId}: ${[...methods].join(', ')}`);
      assert.ok(seen.filter((call) => call.args['thread_ts'] !== undefined).length >= 2, `${team.teamId}: no run thread posts`);
      assert.deepEqual(new Set(seen.map((call) => call.token)), new Set([tokens.get(team.teamId)?.token]));
    }
    assert.deepEqual(calls.filter((call) => call.response['ok'] !== true).map((call) => `${call.method}: ${call.response['error']}`), []);
  });

  test('a click on a run\'s button answers with the token of the workspace it was clicked in', async () => {
    const before = slack.calls.length;
    for (const [team, channel] of [[A, CHANNEL_A], [B, CHANNEL_B]] as const) {
      const [run] = await h.app.services.repos.runs.ofProgram({ teamId: team.teamId, channelId: channel });
      assert.ok(run, `no run stored for ${team.teamId}`);
      const click = { actionId: ACTION_IDS.cancelRun, value: run.threadTs, userId: PERSON, channelId: channel, messageTs: run.threadTs, threadTs: run.threadTs, teamId: team.teamId };
      assert.equal((await h.post(blockAction(click))).status, 200);
    }
    await settleRuns();
    const calls = slack.calls.slice(before);
    for (const [team, channel] of [[A, CHANNEL_A], [B, CHANNEL_B]] as const) {
      const inChannel = calls.filter((call) => channelOf(call) === channel);
      assert.ok(inChannel.length > 0, `nothing answered the click in ${channel}`);
      assert.deepEqual(new Set(inChannel.map((call) => call.token)), new Set([tokens.get(team.teamId)?.token]));
      assert.ok(inChannel.every((call) => call.response['ok'] === true));
    }
  });

  test('an org-wide install serves a workspace of the organization, in requests and in its runs', async () => {
    const outcome = await installThroughOAuth(origin, slack, ORG);
    assert.equal(outcome.status, 200, outcome.body);
    assert.ok(outcome.issued);
    const stored = await h.app.services.repos.installations.get({ kind: 'enterprise', enterpriseId: ORG.enterpriseId });
    assert.equal(stored?.isEnterpriseInstall, true);
    assert.equal(stored?.teamId, null);
    const before = slack.calls.length;
    await mention(ORG_TEAM, CHANNEL_ORG, 'plan an internal comms campaign', { enterpriseId: ORG.enterpriseId, orgWide: true });
    await settleRuns();
    const calls = slack.calls.slice(before).filter((call) => channelOf(call) === CHANNEL_ORG);
    assert.ok(calls.some((call) => call.args['thread_ts'] !== undefined), 'the run posted nothing in its thread');
    assert.deepEqual(new Set(calls.map((call) => call.token)), new Set([outcome.issued.token]));
    assert.ok(calls.every((call) => call.response['ok'] === true));
  });

  test('uninstalling stops that workspace\'s scheduled report; the other workspace\'s still posts, with its token', async () => {
    const started = new Date(Date.now() - 3 * 86_400_000);
    const execution = { planId: 'PLAN-1', planVersion: 1, activeTracks: [...TRACKS], startedBy: { userId: PERSON, surface: 'action' as const }, startedAt: started };
    for (const program of [{ teamId: A.teamId, channelId: CHANNEL_A }, { teamId: B.teamId, channelId: CHANNEL_B }] satisfies ProgramRef[]) {
      const { version, state } = await h.app.services.repos.programs.load(program);
      assert.ok(await h.app.services.repos.programs.save(program, version, { ...state, execution }, started));
    }
    slack.oauth.revoke(B.teamId);
    const uninstalled = await h.post(eventCallback({ event: { type: 'app_uninstalled', event_ts: freshTs() }, teamId: B.teamId }));
    assert.equal(uninstalled.status, 200);
    assert.equal(await h.app.services.repos.installations.get({ kind: 'team', teamId: B.teamId }), undefined);

    const before = slack.calls.length;
    const summary = await h.app.scheduler.tick('weekly');
    const posts = slack.calls.slice(before).filter((call) => call.method === 'chat.postMessage');
    assert.deepEqual(posts.map((call) => [channelOf(call), call.token, call.response['ok']]), [[CHANNEL_A, tokens.get(A.teamId)?.token, true]]);
    assert.equal(summary.failed, 0);

    // B's events are refused at authorize: nothing reaches Slack with a revoked token.
    const later = slack.calls.length;
    await mention(B.teamId, CHANNEL_B, 'are you still there?');
    assert.deepEqual(slack.calls.slice(later), []);
  });

  test('tokens_revoked for the org\'s bot removes the org-wide install', async () => {
    const stored = await h.app.services.repos.installations.get({ kind: 'enterprise', enterpriseId: ORG.enterpriseId });
    assert.ok(stored);
    const event = { type: 'tokens_revoked', tokens: { bot: [stored.botUserId] }, event_ts: freshTs() };
    const revoked = await h.post(eventCallback({ event, teamId: ORG_TEAM, enterpriseId: ORG.enterpriseId, orgWide: true }));
    assert.equal(revoked.status, 200);
    assert.equal(await h.app.services.repos.installations.get({ kind: 'enterprise', enterpriseId: ORG.enterpriseId }), undefined);
  });
});
