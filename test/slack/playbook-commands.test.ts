// `/ohmymkt playbook`, `metrics` with numbers and `board`, through signed slash commands into the real
// Bolt app: what the person sees, the public audit line, and what is stored.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BUILT_IN_CATALOG } from '../../src/domain/playbook-catalog.ts';
import { startCampaign } from '../../src/services/campaign.ts';
import { setGate } from '../../src/services/gates.ts';
import { writeRequirements } from '../../src/services/plan-drafts.ts';
import { createPlan, decidePlan, recordPlanReview } from '../../src/services/plans.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { openRepositories, type Repositories } from '../../src/store/repos/index.ts';
import { CHANNEL, PERSON, startHarness, type Harness } from '../support/app-harness.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { isPrivate, shownText } from '../support/slack-text.ts';
import { completeRequirements, reviewerVerdict } from '../domain/support.ts';

const STRANGER = 'U0STRANGER';
const SEO_WORDS = /\b(seo|aeo|serp|search|query|queries|crawl\w*|index\w*|schema|backlinks?|keywords?|organic|rank\w*|answer engines?|clusters?|non-brand)\b/i;

const privateText = (replies: SlackCall[]) => replies.filter(isPrivate).map(shownText).join('\n');
const publicText = (replies: SlackCall[]) => replies.filter((call) => call.method === 'chat.postMessage').map(shownText).join('\n');

describe('/ohmymkt playbook, metrics and board', () => {
  let dir: string;
  let store: DocumentStore;
  let repos: Repositories;
  let h: Harness;
  // Each test its own channel, so they run alone and in any order.
  let channels = 0;
  const fresh = () => {
    channels += 1;
    const channel = `${CHANNEL}P${channels}`;
    return { channel, program: { teamId: 'T0OHMYMKT', channelId: channel } };
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-playbook-commands-'));
    store = await openEmbeddedStore(dir);
    repos = await openRepositories(store);
    h = await startHarness({ store });
  });
  after(async () => {
    await h.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('playbook shows the default and the others, privately', async () => {
    const { channel } = fresh();
    const { replies } = await h.command('playbook', { channel });
    assert.equal(publicText(replies), '');
    const shown = privateText(replies);
    assert.match(shown, /This channel runs \*seo-aeo\* \(the default/);
    assert.match(shown, /\*demand-gen\*/);
    assert.match(shown, /\*launch\*/);
  });

  test('playbook set switches it, leaves one public audit line, and gates then read the new playbook', async () => {
    const { channel, program } = fresh();
    const { replies } = await h.command('playbook set Demand-Gen', { channel });
    assert.match(publicText(replies), new RegExp(`:memo: <@${PERSON}> switched the playbook from seo-aeo to demand-gen`));
    assert.match(privateText(replies), /This channel runs \*demand-gen\*/);
    assert.equal((await repos.programs.load(program)).state.playbook, 'demand-gen');
    const gates = privateText((await h.command('gates', { channel })).replies);
    assert.match(gates, /icp_offer_gate/);
    assert.doesNotMatch(gates, SEO_WORDS);
    const [entry] = (await repos.audit.list(program)).filter((row) => row.entry.action === 'playbook.set');
    assert.deepEqual(entry?.entry.detail, { from: 'seo-aeo', to: 'demand-gen' });
  });

  test('playbook set is for approvers and admins; an unknown name lists the choices', async () => {
    const { channel, program } = fresh();
    const refused = await h.command('playbook set launch', { channel, user: STRANGER });
    assert.match(privateText(refused.replies), /only an approver of this channel .* or a workspace admin may change the channel's playbook/);
    assert.equal(publicText(refused.replies), '');
    const unknown = await h.command('playbook set growth', { channel });
    assert.match(privateText(unknown.replies), /unknown playbook "growth"; choose one of: seo-aeo, demand-gen, launch/);
    assert.equal((await repos.programs.load(program)).state.playbook, undefined);
  });

  test('metrics set records dated numbers, metrics target sets a target, and the trend follows the values', async () => {
    const { channel, program } = fresh();
    await h.command('playbook set demand-gen', { channel });
    const first = await h.command('metrics set cpl=60', { channel });
    assert.match(publicText(first.replies), new RegExp(`<@${PERSON}> set cpl → 60`));
    await h.command('metrics set cpl=45', { channel });
    const target = await h.command('metrics target cpl=40', { channel });
    assert.match(publicText(target.replies), /set the target cpl → 40/);
    const shown = privateText((await h.command('metrics', { channel })).replies);
    assert.match(shown, /`cpl` cost per lead: \*45\* currency per lead · down · lower is better · target 40 \(89%\) · baseline 60/);
    assert.match(shown, /`mqls` marketing-qualified leads: no value yet/);
    assert.doesNotMatch(shown, SEO_WORDS);
    const values = await repos.kpiValues.list(program);
    assert.deepEqual(values.map((row) => [row.entry.kpi, row.entry.value]), [['cpl', 60], ['cpl', 45]]);
    assert.deepEqual((await repos.programs.load(program)).state.kpiTargets, { cpl: 40 });
  });

  test('a KPI the playbook does not have, or a value that is not a number, changes nothing', async () => {
    const { channel, program } = fresh();
    await h.command('playbook set demand-gen', { channel });
    const wrong = await h.command('metrics set non_brand_visibility=5', { channel });
    assert.match(privateText(wrong.replies), /unknown KPI "non_brand_visibility" for the demand-gen playbook; its KPIs: mqls, spend, sqls, pipeline, cpl/);
    const text = await h.command('metrics set mqls=lots', { channel });
    assert.match(privateText(text.replies), /mqls takes a plain number in leads \(got "lots"\)/);
    const rating = await h.command('metrics set volume.mqls=up', { channel });
    assert.match(privateText(rating.replies), /the demand-gen playbook has no up\/flat\/down fields; record a number with <kpi>=<number>/);
    assert.deepEqual(await repos.kpiValues.list(program), []);
    const stranger = await h.command('metrics target mqls=100', { channel, user: STRANGER });
    assert.match(privateText(stranger.replies), /may set metrics or targets/);
  });

  test('seo-aeo keeps the trend form beside numbers', async () => {
    const { channel, program } = fresh();
    await h.command('metrics set quality.conversion_assist_trend=UP', { channel });
    assert.equal((await repos.programs.load(program)).state.metrics['quality']?.['conversion_assist_trend']?.trend, 'up');
    await h.command('metrics set high_intent_sessions=1200', { channel });
    const shown = privateText((await h.command('metrics', { channel })).replies);
    assert.match(shown, /`high_intent_sessions` high-intent sessions: \*1,200\* sessions/);
    assert.match(shown, /`conversion_assists` conversion assists: no value yet · up \(rated\)/);
  });

  test('board is empty until a campaign starts, then shows the playbook\'s pool, privately and with no SEO word for demand-gen', async () => {
    const { channel, program } = fresh();
    await h.command('playbook set demand-gen', { channel });
    assert.match(privateText((await h.command('board', { channel })).replies), /seeded when a campaign starts/);

    const services = h.app.services;
    const person = { userId: PERSON, surface: 'slash' as const };
    for (const gate of BUILT_IN_CATALOG.get('demand-gen')?.gates ?? []) {
      for (const field of gate.fields) {
        const set = await setGate(services, program, person, `${gate.name}.${field.name}=${field.type === 'bool' ? 'true' : field.threshold}`);
        assert.ok(set.ok, set.ok ? '' : set.message);
      }
    }
    const plan = await createPlan(services, program, person, 'Grow SQLs from paid social by 30% this quarter');
    assert.ok(plan.ok);
    assert.ok((await writeRequirements(services, program, person, plan.value.id, completeRequirements())).ok);
    assert.ok((await recordPlanReview(services, program, person, { id: plan.value.id, version: 1 }, reviewerVerdict())).ok);
    assert.ok((await decidePlan(services, program, { userId: 'U0APPROVER', surface: 'action' }, { id: plan.value.id, version: 1 }, { kind: 'approve' })).ok);
    const started = await startCampaign(services, program, person);
    assert.ok(started.ok, started.ok ? '' : started.message);
    assert.deepEqual(started.value.activeTracks, ['volume', 'quality']);

    const { replies } = await h.command('board', { channel });
    assert.equal(publicText(replies), '');
    const shown = privateText(replies);
    assert.match(shown, /36 tasks/);
    assert.match(shown, /\*Volume track\*/);
    assert.match(shown, /\*icp_targeting\*/);
    assert.doesNotMatch(shown, SEO_WORDS);
    assert.equal((await repos.sprint.list(program)).length, 36);
  });

  test('bad board and playbook commands show their own usage and change nothing', async () => {
    const { channel } = fresh();
    const board = await h.command('board everything', { channel });
    assert.match(shownText({ method: 'ack', args: board.ack.json as Record<string, unknown>, token: undefined, status: 200, response: {} }), /`board` takes nothing after it/);
    const playbook = await h.command('playbook choose launch', { channel });
    assert.match(shownText({ method: 'ack', args: playbook.ack.json as Record<string, unknown>, token: undefined, status: 200, response: {} }), /"playbook choose" is not a playbook action/);
    const metrics = await h.command('metrics target', { channel });
    assert.match(shownText({ method: 'ack', args: metrics.ack.json as Record<string, unknown>, token: undefined, status: 200, response: {} }), /metrics target <kpi>=<number>/);
  });
});
