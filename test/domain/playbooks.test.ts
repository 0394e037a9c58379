import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideCycle, DEFAULT_ACTIONS, type Decision } from '../../src/domain/decisions.ts';
import { evaluateGates, initialGateState, parseGateAssignment } from '../../src/domain/gates.ts';
import type { DatedKpiValue } from '../../src/domain/kpis.ts';
import { BUILT_IN_CATALOG, BUILT_IN_PLAYBOOKS, catalogOf, DEFAULT_PLAYBOOK, findPlaybook, playbookOf, SEO_AEO } from '../../src/domain/playbook-catalog.ts';
import { parsePlaybook, type Playbook } from '../../src/domain/playbook.ts';
import { templateSections } from '../../src/domain/plan-template.ts';
import { poolOf, SPRINT_POOL } from '../../src/domain/sprint-pool.ts';
import { seedSprintBoard } from '../../src/domain/sprint.ts';
import { NOW, DAY, incident } from './support.ts';

const book = (name: string): Playbook => {
  const found = BUILT_IN_CATALOG.get(name);
  assert.ok(found, name);
  return found;
};

// Words that only an SEO/AEO program uses; a demand-gen or launch marketer should meet none of them.
const SEO_WORDS = /\b(seo|aeo|serp|search|query|queries|crawl\w*|index\w*|schema|backlinks?|keywords?|organic|rank\w*|answer engines?|clusters?|non-brand|canonical)\b/i;

function everyWord(playbook: Playbook): string {
  const board = seedSprintBoard(poolOf(playbook), { owners: [], start: NOW }, playbook);
  return JSON.stringify({ ...playbook, fitsWhen: '', board, sections: templateSections(playbook), gates: evaluateGates(initialGateState(playbook), playbook) });
}

describe('built-in playbooks', () => {
  test('three ship, seo-aeo first and the default', () => {
    assert.deepEqual(BUILT_IN_PLAYBOOKS.map((playbook) => playbook.name), ['seo-aeo', 'demand-gen', 'launch']);
    assert.equal(DEFAULT_PLAYBOOK, 'seo-aeo');
  });

  test('seo-aeo is the plugin\'s program, unchanged: five gates, 40 tasks (10 visibility, 30 quality), its actions', () => {
    assert.deepEqual(SEO_AEO.gates.map((gate) => gate.name), ['strategy_gate', 'compliance_gate', 'capacity_gate', 'data_gate', 'ownership_gate']);
    assert.equal(SPRINT_POOL.length, 40);
    assert.deepEqual(poolOf(SEO_AEO), [...SPRINT_POOL]);
    assert.equal(SPRINT_POOL[0]?.text, 'Audit crawl errors and fix every broken template URL');
    assert.deepEqual(DEFAULT_ACTIONS.rollback, ['pause scale modules now', 'roll back high-risk template changes', 'open a P0 postmortem with prevention actions']);
  });

  const shapes: Array<[string, number, string[], string[]]> = [
    ['demand-gen', 5, ['mqls', 'spend', 'sqls', 'pipeline', 'cpl'], ['icp_offer_gate', 'tracking_gate', 'budget_gate', 'creative_gate', 'owner_coverage_gate']],
    ['launch', 5, ['reach', 'signups', 'activation_rate', 'support_tickets'], ['positioning_gate', 'assets_gate', 'enablement_gate', 'tracking_gate', 'rollback_gate']],
  ];
  for (const [name, gates, kpis, gateNames] of shapes) {
    test(`${name} has its own ${gates} gates and KPIs ${kpis.join(', ')}`, () => {
      const playbook = book(name);
      assert.deepEqual(playbook.gates.map((gate) => gate.name), gateNames);
      assert.deepEqual(playbook.kpis.map((kpi) => kpi.name), kpis);
    });

    test(`${name}'s gates, KPIs, actions, plan and board contain no SEO word`, () => {
      assert.doesNotMatch(everyWord(book(name)), SEO_WORDS);
    });

    test(`${name} starts with every gate failing, each with a reason to act on`, () => {
      const evaluations = evaluateGates(initialGateState(book(name)), book(name));
      assert.equal(evaluations.length, gates);
      assert.ok(evaluations.every((evaluation) => !evaluation.pass && evaluation.reason.length > 20));
    });
  }

  test('the SEO words are there in seo-aeo (the check above is not vacuous)', () => {
    assert.match(everyWord(SEO_AEO), SEO_WORDS);
  });

  test('cost per lead is down-is-good and a quality KPI', () => {
    const cpl = book('demand-gen').kpis.find((kpi) => kpi.name === 'cpl');
    assert.deepEqual([cpl?.direction, cpl?.kind], ['down', 'quality']);
  });

  test('a demand-gen gate reads its own fields and refuses seo-aeo ones', () => {
    const demand = book('demand-gen');
    assert.deepEqual(parseGateAssignment('creative_gate.creative_weeks_ready=4', demand), { ok: true, value: { gate: 'creative_gate', field: 'creative_weeks_ready', value: 4 } });
    const seo = parseGateAssignment('capacity_gate.rolling_weeks_feasible=8', demand);
    assert.equal(seo.ok, false);
    assert.match(seo.ok ? '' : seo.message, /unknown gate "capacity_gate"; valid gates: icp_offer_gate/);
  });
});

describe('reading a playbook file', () => {
  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify({ ...book('launch'), name: 'webinar' }));
  const rows: Array<[string, (data: Record<string, any>) => void, RegExp]> = [
    ['a name with spaces', (d) => { d.name = 'my playbook'; }, /^name: must be 2–40 characters/],
    ['a gate field typed "yes"', (d) => { d.gates[0].fields[0].type = 'yes'; }, /^gates\.0\.fields\.0\.type/],
    ['a threshold outside its range', (d) => { d.gates[1].fields[0].threshold = 2; }, /^gates\.1\.fields\.0\.threshold: must lie between min and max/],
    ['two quality tracks', (d) => { d.tracks[0].kind = 'quality'; }, /^tracks: needs exactly one volume track/],
    ['no volume KPI', (d) => { d.kpis = d.kpis.filter((kpi: { kind: string }) => kpi.kind !== 'volume'); }, /^kpis: needs at least one volume KPI/],
    ['a pool task on a module that does not exist', (d) => { d.pool[0].module = 'ghost_module'; }, /^pool\.0\.module: "ghost_module" is not a module of this playbook/],
    ['a task on a track that does not exist', (d) => { d.pool[1].track = 'visibility'; }, /^pool\.1\.track: "visibility" is not a track \(tracks: reach, adoption\)/],
    ['a rollback action needing something unknown', (d) => { d.actions.rollback[0] = { text: 'x', requires: 'a_miracle' }; }, /^actions\.rollback\.0/],
    ['a KPI named twice', (d) => { d.kpis.push(d.kpis[0]); }, /^kpis: KPI "reach" appears twice/],
    ['a field nobody asked for', (d) => { d.colour = 'blue'; }, /colour/],
  ];
  for (const [name, spoil, problem] of rows) {
    test(`refuses ${name}, naming where`, () => {
      const data = good();
      spoil(data);
      const parsed = parsePlaybook(data);
      assert.equal(parsed.ok, false);
      assert.ok(!parsed.ok && parsed.problems.some((line) => problem.test(line)), JSON.stringify(parsed));
    });
  }

  test('accepts a team\'s own playbook and adds it to the catalog', () => {
    const parsed = parsePlaybook(good());
    assert.ok(parsed.ok);
    const catalog = catalogOf([parsed.playbook]);
    assert.ok(catalog.ok);
    assert.deepEqual([...catalog.value.keys()], ['seo-aeo', 'demand-gen', 'launch', 'webinar']);
  });

  test('refuses a file that reuses a built-in name', () => {
    const parsed = parsePlaybook({ ...good(), name: 'launch' });
    assert.ok(parsed.ok);
    const catalog = catalogOf([parsed.playbook]);
    assert.equal(catalog.ok, false);
    assert.match(catalog.ok ? '' : catalog.message, /"launch" is defined twice: the name is taken by a built-in playbook/);
  });
});

describe('which playbook a program runs', () => {
  test('a program that never chose one runs seo-aeo', () => {
    const runs = playbookOf(BUILT_IN_CATALOG, undefined);
    assert.equal(runs.ok ? runs.value.name : undefined, 'seo-aeo');
  });

  test('a stored name no longer loaded says how to fix it', () => {
    const missing = playbookOf(BUILT_IN_CATALOG, 'webinar');
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.message, /runs playbook "webinar", which is not loaded; add its file back to OHMYMKT_PLAYBOOKS_DIR or choose another/);
  });

  test('a typed name is read in any case; an unknown one lists the choices', () => {
    assert.equal(findPlaybook(BUILT_IN_CATALOG, ' Demand-Gen ').ok, true);
    const unknown = findPlaybook(BUILT_IN_CATALOG, 'growth');
    assert.match(unknown.ok ? '' : unknown.message, /unknown playbook "growth"; choose one of: seo-aeo, demand-gen, launch/);
  });
});

describe('the decision order on demand-gen KPIs', () => {
  const demand = book('demand-gen');
  const t0 = new Date(NOW.getTime() - 10 * DAY);
  const t1 = new Date(NOW.getTime() - 3 * DAY);
  const series = (values: Record<string, [number, number]>): DatedKpiValue[] =>
    Object.entries(values).flatMap(([kpi, [before, after]]) => [{ kpi, value: before, at: t0 }, { kpi, value: after, at: t1 }]);

  type Row = { name: string; values: Record<string, [number, number]>; decision: Decision; reason: RegExp };
  const TABLE: Row[] = [
    { name: 'MQLs up while cost per lead rises', values: { mqls: [100, 140], cpl: [50, 70] }, decision: 'rollback', reason: /^volume up, quality down \(mqls up; cpl down\)/ },
    { name: 'MQLs up, SQLs flat within tolerance', values: { mqls: [100, 140], sqls: [20, 21] }, decision: 'intervene', reason: /^volume rises, quality does not/ },
    { name: 'MQLs up and cost per lead falls', values: { mqls: [100, 140], cpl: [50, 40] }, decision: 'continue', reason: /^volume and quality both rise \(mqls, cpl up\)/ },
    { name: 'spend up, pipeline down', values: { spend: [5000, 8000], pipeline: [90000, 60000] }, decision: 'rollback', reason: /spend up; pipeline down/ },
    { name: 'pipeline up without volume', values: { pipeline: [50000, 80000] }, decision: 'intervene', reason: /^insufficient multi-track progress \(no volume metric up\)/ },
    { name: 'nothing recorded', values: {}, decision: 'intervene', reason: /^insufficient multi-track progress/ },
  ];
  for (const row of TABLE) {
    test(`${row.name} → ${row.decision}`, () => {
      const decided = decideCycle({ cadence: 'weekly', metrics: {}, incidentsInWindow: [], gates: {}, campaignActive: true, playbook: demand, kpiValues: series(row.values) });
      assert.equal(decided.decision, row.decision);
      assert.match(decided.reason, row.reason);
    });
  }

  const rollbacks: Array<[string, { campaignActive: boolean; publishedAsset: boolean; runningPlacement: boolean }, string[]]> = [
    ['nothing to roll back but the postmortem', { campaignActive: false, publishedAsset: false, runningPlacement: false }, ['open a P0 postmortem with prevention actions']],
    ['an active campaign holds its spend', { campaignActive: true, publishedAsset: false, runningPlacement: false }, ["hold the campaign's spend at the last approved pacing", 'open a P0 postmortem with prevention actions']],
    ['a published ad is a placement to pause', { campaignActive: true, publishedAsset: true, runningPlacement: true }, [
      'pause the paid placements whose cost per lead rose',
      "pull this cycle's published ads and emails back to the last approved version",
      "hold the campaign's spend at the last approved pacing",
      'open a P0 postmortem with prevention actions',
    ]],
  ];
  for (const [name, facts, actions] of rollbacks) {
    test(`a rollback names only what exists: ${name}`, () => {
      const decided = decideCycle({
        cadence: 'weekly', metrics: {}, incidentsInWindow: [incident(1, 'high', NOW)], gates: {}, playbook: demand,
        campaignActive: facts.campaignActive, facts: { publishedAsset: facts.publishedAsset, runningPlacement: facts.runningPlacement },
      });
      assert.equal(decided.decision, 'rollback');
      assert.deepEqual(decided.actions, actions);
    });
  }

  test('seo-aeo without an active campaign pauses nothing that is not running', () => {
    const decided = decideCycle({ cadence: 'weekly', metrics: {}, incidentsInWindow: [incident(1, 'high', NOW)], gates: initialGateState(), campaignActive: false });
    assert.deepEqual(decided.actions, ['open a P0 postmortem with prevention actions']);
  });
});
