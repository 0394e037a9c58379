// The ohmymkt_* registry over real services: every rules §9 tool is there with a usable JSON schema,
// inputs are typed, restrictions and gates hold in code, and provider tools answer "not configured".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { offeredTools } from '../../src/agents/offer.ts';
import { runTool, toolDefinition, TOOLS } from '../../src/agents/tools/registry.ts';
import type { ToolContext, ToolEvent } from '../../src/agents/tools/types.ts';
import { AGENT_NAMES, AGENTS, type AgentName } from '../../src/domain/agents.ts';
import * as incidents from '../../src/services/incidents.ts';
import * as assets from '../../src/services/assets.ts';
import { createPlan } from '../../src/services/plans.ts';
import { PERSON, PROGRAM, startAgentHarness, type AgentHarness } from './harness.ts';

// rules.md §9, in its order.
const RULES_TOOLS = [
  'ohmymkt_plan_growth', 'ohmymkt_list_plans', 'ohmymkt_check_gates', 'ohmymkt_update_gates', 'ohmymkt_update_metrics',
  'ohmymkt_start_campaign', 'ohmymkt_run_cycle', 'ohmymkt_read_cycle', 'ohmymkt_incident', 'ohmymkt_report_growth', 'ohmymkt_read_state',
  'ohmymkt_research_brief', 'ohmymkt_competitor_profile', 'ohmymkt_save_positioning', 'ohmymkt_asset_manifest',
  'ohmymkt_generate_image', 'ohmymkt_generate_video', 'ohmymkt_publish', 'ohmymkt_provider_config',
  // Issue 15: the sprint board is worked through a tool.
  'ohmymkt_update_task',
];

let h: AgentHarness;
before(async () => {
  h = await startAgentHarness();
});
after(() => h.close());

const context = (agent: AgentName): ToolContext => ({
  services: h.services,
  program: PROGRAM,
  actor: { userId: 'U0ALICE', surface: 'agent', agent, runId: 'RUN-T' },
  agent,
  runId: 'RUN-T',
});
const json = async (agent: AgentName, tool: string, input: unknown) => {
  const output = await runTool(tool, input, context(agent));
  assert.equal(output.isError, false, output.content);
  return JSON.parse(output.content);
};

describe('the tool registry', () => {
  test('registers every tool of rules §9', () => {
    assert.deepEqual([...TOOLS.keys()].sort(), [...RULES_TOOLS].sort());
  });

  test('every tool offers an object JSON schema whose required fields exist', () => {
    const schemas = [
      ...RULES_TOOLS.map((name) => toolDefinition(name as never)),
      ...offeredTools(AGENT_NAMES),
    ];
    for (const { name, description, inputSchema } of schemas) {
      assert.equal(inputSchema['type'], 'object', name);
      assert.equal(inputSchema['$schema'], undefined, name);
      const properties = Object.keys((inputSchema['properties'] as object | undefined) ?? {});
      for (const field of (inputSchema['required'] as string[] | undefined) ?? []) assert.ok(properties.includes(field), `${name}.${field}`);
      assert.ok(description.length > 40, name);
    }
  });

  test('a group of agents is offered the union of their allow-lists, in catalog order', () => {
    const names = (group: AgentName[]) => offeredTools(group).map((tool) => tool.name);
    assert.deepEqual(names(['plan-reviewer']), ['ohmymkt_list_plans', 'ohmymkt_check_gates', 'ohmymkt_read_state', 'submit_review']);
    assert.deepEqual(names(['plan-reviewer', 'requirements-analyst']), [
      'ohmymkt_plan_growth',
      'ohmymkt_list_plans',
      'ohmymkt_check_gates',
      'ohmymkt_read_state',
      'ask_in_thread',
      'submit_review',
    ]);
    assert.deepEqual(names(['research-agent', 'seo-engineer']), [
      'ohmymkt_check_gates',
      'ohmymkt_update_gates',
      'ohmymkt_read_state',
      'ohmymkt_research_brief',
      'ohmymkt_competitor_profile',
      'ohmymkt_update_task',
    ]);
    for (const agent of AGENT_NAMES) assert.deepEqual(new Set(names([agent])), new Set(AGENTS[agent].tools), agent);
  });

  test('delegate names every target of the group, whatever the route or caller', () => {
    const delegate = offeredTools(['growth-manager', 'execution-manager']).find((tool) => tool.name === 'delegate');
    const agentEnum = (delegate?.inputSchema['properties'] as Record<string, { enum?: string[] }>)['agent']?.enum;
    assert.deepEqual(new Set(agentEnum), new Set([...AGENTS['growth-manager'].delegatesTo, ...AGENTS['execution-manager'].delegatesTo]));
    assert.deepEqual(offeredTools(['growth-manager', 'execution-manager']), offeredTools(['execution-manager', 'growth-manager']));
  });

  test('typed inputs: a "no" is not a boolean, 85 is not a coverage, trends are up|flat|down in any case', async () => {
    const no = await runTool('ohmymkt_update_gates', { gate: 'data_gate', field: 'reconcilable', value: 'no' }, context('seo-engineer'));
    assert.match(no.content, /^invalid input for ohmymkt_update_gates — value: takes true\/false/);
    const pct = await runTool('ohmymkt_update_gates', { gate: 'ownership_gate', field: 'priority_query_coverage', value: 85 }, context('seo-engineer'));
    assert.match(pct.content, /refused \(invalid\): .*write a share such as 0.85/);
    const up = await json('growth-analyst', 'ohmymkt_update_metrics', { track: 'Visibility', metric: 'non_brand_visibility_trend', trend: 'UP', value: 1.4 });
    assert.deepEqual(up.visibility.non_brand_visibility_trend, { trend: 'up', value: 1.4 });
    const sideways = await runTool('ohmymkt_update_metrics', { track: 'quality', metric: 'conversion_assist_trend', trend: 'sideways' }, context('growth-analyst'));
    assert.equal(sideways.isError, true);
    assert.match(sideways.content, /trend: /);
  });

  test('per-action fields are named when missing', async () => {
    const open = await runTool('ohmymkt_incident', { action: 'open', severity: 'P1' }, context('execution-manager'));
    assert.match(open.content, /summary: is required when action is "open"/);
  });

  test('execution-manager may list and read providers but never set one; nothing is configured yet', async () => {
    const set = await runTool('ohmymkt_provider_config', { action: 'set', category: 'image' }, context('execution-manager'));
    assert.equal(set.isError, true);
    assert.match(set.content, /may only use ohmymkt_provider_config to list or read/);
    const listed = await json('execution-manager', 'ohmymkt_provider_config', { action: 'list' });
    // Every provider but Remotion, which this host has not set up (OHMYMKT_REMOTION).
    assert.equal(listed.length, 10);
    assert.equal(listed.some((provider: { id: string }) => provider.id === 'remotion'), false);
    assert.ok(listed.every((provider: { status: string }) => provider.status === 'not_configured'));
  });

  test('image generation records the asset as planned and says which provider a person must configure', async () => {
    const answer = await json('content-writer', 'ohmymkt_generate_image', { prompt: 'a calm dashboard', name: 'Hero image', aspect: '16:9' });
    assert.equal(answer.status, 'provider_not_configured');
    assert.equal(answer.category, 'image');
    assert.match(answer.message, /\/ohmymkt provider/);
    const manifest = await json('content-writer', 'ohmymkt_asset_manifest', { action: 'list' });
    const hero = manifest.find((asset: { id: string }) => asset.id === answer.asset_id);
    assert.deepEqual([hero.type, hero.format, hero.status, hero.name], ['image', 'image', 'planned', 'Hero image']);
  });

  test('assets move one step at a time, only a person approves one, and publishing honours the pause and the review gate', async () => {
    const added = await json('content-writer', 'ohmymkt_asset_manifest', { action: 'add', type: 'social_post', name: 'Launch post', format: 'text', notes: 'We are live.' });
    const skip = await runTool('ohmymkt_asset_manifest', { action: 'update', id: added.id, status: 'review' }, context('content-writer'));
    assert.match(skip.content, /refused \(conflict\): .* is planned; it can move to draft/);
    for (const status of ['draft', 'review']) await json('content-writer', 'ohmymkt_asset_manifest', { action: 'update', id: added.id, status });
    const selfApproved = await runTool('ohmymkt_asset_manifest', { action: 'update', id: added.id, status: 'approved' }, context('content-ops'));
    assert.match(selfApproved.content, /^refused \(forbidden\): only a person approves AST-\d+/);
    const unpublishable = await runTool('ohmymkt_publish', { asset_id: added.id, platform: 'LinkedIn', text: 'We are live.', placement: 'organic' }, context('content-ops'));
    assert.match(unpublishable.content, /is review; only an approved asset is published/);
    assert.equal((await assets.decideAsset(h.services, PROGRAM, PERSON, added.id, 'approve')).ok, true);

    const edited = await runTool('ohmymkt_asset_manifest', { action: 'update', id: added.id, notes: 'We are live, 50% off!' }, context('content-ops'));
    assert.match(edited.content, /^refused \(conflict\): AST-\d+ is approved as it stands; to change it, move it back to draft/);
    const rewritten = await runTool('ohmymkt_publish', { asset_id: added.id, platform: 'LinkedIn', text: 'We are live!!', placement: 'organic' }, context('content-ops'));
    assert.match(rewritten.content, /^refused \(conflict\): the text differs from the copy approved in AST-\d+'s notes/);
    const draftImage = await json('content-writer', 'ohmymkt_asset_manifest', { action: 'add', type: 'image', name: 'Hero', format: 'image', status: 'draft', location: 'https://cdn.example.com/hero.png' });
    const unapprovedMedia = await runTool('ohmymkt_publish', { asset_id: added.id, platform: 'LinkedIn', placement: 'organic', media_asset_ids: [draftImage.id] }, context('content-ops'));
    assert.match(unapprovedMedia.content, /^refused \(conflict\): AST-\d+ is draft; only approved media is attached/);

    await createPlan(h.services, PROGRAM, PERSON, 'Launch on LinkedIn');
    const post = { asset_id: added.id, platform: 'LinkedIn', text: 'We are live.' };
    const paid = await runTool('ohmymkt_publish', { ...post, placement: 'paid' }, context('content-ops'));
    assert.match(paid.content, /^refused \(review_required\): this needs an approved plan/);
    const organic = await json('content-ops', 'ohmymkt_publish', { ...post, placement: 'organic' });
    assert.equal(organic.status, 'provider_not_configured');

    const high = await incidents.open(h.services, PROGRAM, PERSON, { severity: 'high', summary: 'wrong prices on the pricing page' });
    const paused = await runTool('ohmymkt_publish', { ...post, placement: 'organic' }, context('content-ops'));
    assert.match(paused.content, /^refused \(paused\)/);
    if (high.ok) await incidents.resolve(h.services, PROGRAM, PERSON, high.value.id);
  });

  test('an approved asset without copy in its notes is not published', async () => {
    const bare = await json('content-writer', 'ohmymkt_asset_manifest', { action: 'add', type: 'social_post', name: 'Teaser', format: 'text', status: 'review' });
    assert.equal((await assets.decideAsset(h.services, PROGRAM, PERSON, bare.id, 'approve')).ok, true);
    const refused = await runTool('ohmymkt_publish', { asset_id: bare.id, platform: 'X', placement: 'organic' }, context('content-ops'));
    assert.match(refused.content, /^refused \(conflict\): AST-\d+ has no approved copy: put the post text in its notes/);
    const stored = await assets.getAsset(h.services, PROGRAM, bare.id);
    assert.equal(stored.ok && stored.value.status, 'approved', 'a refused publish changes nothing');
  });

  test('each ask for review asks a person, a notes-only save does not; a new asset cannot skip to approved', async () => {
    const events: ToolEvent[] = [];
    const writer = { ...context('content-writer'), report: (event: ToolEvent) => events.push(event) };
    const born = await runTool('ohmymkt_asset_manifest', { action: 'add', type: 'blog', name: 'Launch blog', format: 'text', status: 'approved' }, writer);
    assert.match(born.content, /^refused \(invalid\): a new asset starts as planned, draft, review/);
    const draft = JSON.parse((await runTool('ohmymkt_asset_manifest', { action: 'add', type: 'blog', name: 'Launch blog', format: 'text', status: 'draft' }, writer)).content);
    await runTool('ohmymkt_asset_manifest', { action: 'update', id: draft.id, status: 'review' }, writer);
    await runTool('ohmymkt_asset_manifest', { action: 'update', id: draft.id, notes: 'tightened the intro' }, writer);
    assert.deepEqual(events.map((event) => event.type === 'asset_review' && [event.asset.id, event.asset.status]), [[draft.id, 'review']]);
    // A resumed agent (after a crash lost the first card) asks again, and gets a card again.
    await runTool('ohmymkt_asset_manifest', { action: 'update', id: draft.id, status: 'review' }, writer);
    assert.equal(events.length, 2);
    const sentBack = await assets.decideAsset(h.services, PROGRAM, PERSON, draft.id, 'send_back');
    assert.equal(sentBack.ok && sentBack.value.status, 'draft');
    const late = await assets.decideAsset(h.services, PROGRAM, PERSON, draft.id, 'approve');
    assert.deepEqual(late.ok ? undefined : [late.code, late.message], ['conflict', `${draft.id} is draft, no longer waiting for review`]);
  });

  test('research briefs accumulate findings; competitor saves merge and render a battlecard', async () => {
    const brief = await json('research-agent', 'ohmymkt_research_brief', { action: 'create', title: 'Mid-market CRM', objectives: ['size the segment'] });
    await json('research-agent', 'ohmymkt_research_brief', { action: 'update', id: brief.id, findings: [{ source: 'G2 reviews', insight: 'setup time is the top complaint' }] });
    const updated = await json('research-agent', 'ohmymkt_research_brief', { action: 'update', id: brief.id.toLowerCase(), findings: [{ source: 'call notes', insight: 'buyers want SSO' }], gaps: ['pricing of Tier 2'] });
    assert.deepEqual(updated.findings.map((f: { source: string }) => f.source), ['G2 reviews', 'call notes']);
    assert.deepEqual(updated.objectives, ['size the segment']);

    await json('research-agent', 'ohmymkt_competitor_profile', { action: 'save', name: 'Acme CRM', pricing: '$49/seat', strengths: ['brand'] });
    const read = await json('research-agent', 'ohmymkt_competitor_profile', { action: 'save', name: 'acme  crm', weaknesses: ['slow onboarding'] });
    assert.equal(read.profile.pricing, '$49/seat');
    assert.match(read.battlecard, /\*Weaknesses\*\n• slow onboarding/);
  });

  test('one positioning angle is selected at a time, and selecting needs a rationale', async () => {
    const save = (name: string, selected: boolean, rationale?: string) =>
      runTool('ohmymkt_save_positioning', { action: 'save', name, statement: `${name} statement`, selected, ...(rationale ? { rationale } : {}), scores: { clarity: 8 } }, context('content-writer'));
    assert.match((await save('Speed', true)).content, /needs a rationale/);
    await save('Speed', true, 'fastest setup in the category');
    await save('Trust', true, 'security buyers lead the deal');
    const angles = await json('content-writer', 'ohmymkt_save_positioning', { action: 'list' });
    assert.deepEqual(angles.map((a: { name: string; selected: boolean }) => [a.name, a.selected]), [['Speed', false], ['Trust', true]]);
  });

  test('plan_growth creates a plan with requirements, and read_state shows it with the other parts', async () => {
    const plan = await json('requirements-analyst', 'ohmymkt_plan_growth', {
      goal: 'Double webinar sign-ups',
      requirements: { objective: 'sign-ups from 200 to 400 by 2025-12-01', channels: ['email'], owners: [{ deliverable: 'invites', owner: 'Sam' }] },
    });
    assert.deepEqual([plan.version, plan.status, plan.requirements.channels], [1, 'draft', ['email']]);
    const missingGoal = await runTool('ohmymkt_plan_growth', {}, context('requirements-analyst'));
    assert.match(missingGoal.content, /goal: is required when no plan_id is given/);
    const state = await json('growth-manager', 'ohmymkt_read_state', { parts: ['plans', 'execution', 'modules'] });
    assert.ok(state.plans.items.some((p: { id: string }) => p.id === plan.id));
    assert.equal(state.execution.status, 'none');
    assert.equal(state.modules.length, 10);
  });
});
