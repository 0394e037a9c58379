import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AGENT_NAMES,
  AGENTS,
  DELEGATION_MATRIX,
  MANAGER_NAMES,
  SPECIALIST_NAMES,
  WORK_TYPES,
  agentsForRoute,
  canDelegate,
  delegatesInRoute,
  mayUseTool,
  type AgentName,
  type AgentToolName,
} from '../../src/domain/agents.ts';

// rules.md §10, written out independently of the catalog so a drift in either shows up here.
const ALLOW_LISTS: Record<AgentName, AgentToolName[]> = {
  'growth-manager': ['delegate', 'ohmymkt_list_plans', 'ohmymkt_check_gates', 'ohmymkt_read_state', 'ohmymkt_report_growth'],
  'requirements-analyst': ['ohmymkt_plan_growth', 'ohmymkt_read_state', 'ohmymkt_list_plans', 'ask_in_thread'],
  'plan-reviewer': ['ohmymkt_read_state', 'ohmymkt_list_plans', 'ohmymkt_check_gates', 'submit_review'],
  'execution-manager': [
    'delegate',
    'ohmymkt_start_campaign',
    'ohmymkt_run_cycle',
    'ohmymkt_incident',
    'ohmymkt_check_gates',
    'ohmymkt_update_gates',
    'ohmymkt_read_state',
    // Issue 15: whoever works the sprint board moves its tasks.
    'ohmymkt_update_task',
    'ohmymkt_provider_config',
  ],
  'research-agent': ['ohmymkt_research_brief', 'ohmymkt_competitor_profile', 'ohmymkt_read_state'],
  'growth-analyst': [
    'ohmymkt_update_metrics',
    'ohmymkt_report_growth',
    // Issue 15: the analyst reads a cycle without recording one.
    'ohmymkt_read_cycle',
    'ohmymkt_check_gates',
    'ohmymkt_read_state',
    'ohmymkt_update_task',
  ],
  'content-writer': [
    'ohmymkt_save_positioning',
    'ohmymkt_asset_manifest',
    'ohmymkt_generate_image',
    'ohmymkt_generate_video',
    'ohmymkt_read_state',
    'ohmymkt_update_task',
  ],
  'content-ops': ['ohmymkt_asset_manifest', 'ohmymkt_publish', 'ohmymkt_read_state', 'ohmymkt_update_task'],
  'seo-engineer': ['ohmymkt_check_gates', 'ohmymkt_update_gates', 'ohmymkt_read_state', 'ohmymkt_update_task'],
  'aeo-specialist': ['ohmymkt_check_gates', 'ohmymkt_read_state', 'ohmymkt_asset_manifest', 'ohmymkt_update_task'],
};

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('agent catalog', () => {
  test('has the ten agents, four managers and six specialists', () => {
    assert.deepEqual(sorted(Object.keys(AGENTS)), sorted(AGENT_NAMES));
    assert.deepEqual(sorted(AGENT_NAMES.filter((a) => AGENTS[a].kind === 'manager')), sorted(MANAGER_NAMES));
    assert.deepEqual(sorted(AGENT_NAMES.filter((a) => AGENTS[a].kind === 'specialist')), sorted(SPECIALIST_NAMES));
  });

  for (const agent of AGENT_NAMES) {
    test(`${agent} may use exactly its rules §10 tools`, () => {
      assert.deepEqual(sorted(AGENTS[agent].tools), sorted(ALLOW_LISTS[agent]));
    });
  }

  test('specialists have no delegate tool and no delegation targets', () => {
    for (const agent of SPECIALIST_NAMES) {
      assert.equal(AGENTS[agent].tools.includes('delegate'), false, agent);
      assert.deepEqual(AGENTS[agent].delegatesTo, [], agent);
    }
  });

  test('only growth-manager and execution-manager can delegate', () => {
    const delegators = AGENT_NAMES.filter((a) => AGENTS[a].tools.includes('delegate'));
    assert.deepEqual(sorted(delegators), ['execution-manager', 'growth-manager']);
    const withTargets = AGENT_NAMES.filter((a) => AGENTS[a].delegatesTo.length > 0);
    assert.deepEqual(sorted(withTargets), ['execution-manager', 'growth-manager']);
  });

  test('growth-manager delegates exactly to the three other managers', () => {
    assert.deepEqual(sorted(AGENTS['growth-manager'].delegatesTo), [
      'execution-manager',
      'plan-reviewer',
      'requirements-analyst',
    ]);
  });

  test('execution-manager delegates exactly to the six specialists', () => {
    assert.deepEqual(sorted(AGENTS['execution-manager'].delegatesTo), sorted(SPECIALIST_NAMES));
  });

  test('only requirements-analyst can ask the person in the thread', () => {
    assert.deepEqual(
      AGENT_NAMES.filter((a) => AGENTS[a].tools.includes('ask_in_thread')),
      ['requirements-analyst'],
    );
  });

  test('execution-manager may only list and read provider config', () => {
    assert.deepEqual(AGENTS['execution-manager'].restrictions.ohmymkt_provider_config?.actions, ['list', 'read']);
  });

  test('managers run on the strong tier and specialists on the fast one, with a step budget', () => {
    for (const agent of MANAGER_NAMES) assert.equal(AGENTS[agent].modelTier, 'strong', agent);
    for (const agent of SPECIALIST_NAMES) assert.equal(AGENTS[agent].modelTier, 'fast', agent);
    for (const agent of AGENT_NAMES) assert.ok(AGENTS[agent].stepBudget > 0, agent);
  });

  test('every restriction concerns a tool on the agent allow-list', () => {
    for (const agent of AGENT_NAMES) {
      for (const tool of Object.keys(AGENTS[agent].restrictions)) {
        assert.ok(mayUseTool(agent, tool), `${agent}: ${tool}`);
      }
    }
  });
});

describe('canDelegate and mayUseTool', () => {
  test('follow the catalog', () => {
    assert.equal(canDelegate('growth-manager', 'plan-reviewer'), true);
    assert.equal(canDelegate('execution-manager', 'content-writer'), true);
    assert.equal(mayUseTool('content-ops', 'ohmymkt_publish'), true);
  });

  test('refuse a growth-manager reaching a specialist directly', () => {
    assert.equal(canDelegate('growth-manager', 'content-writer'), false);
  });

  test('refuse a specialist handing work to anyone', () => {
    for (const from of SPECIALIST_NAMES) {
      for (const to of AGENT_NAMES) assert.equal(canDelegate(from, to), false, `${from} → ${to}`);
    }
  });

  test('refuse names that are not agents or tools', () => {
    assert.equal(canDelegate('growth-manager', 'general-planner'), false);
    assert.equal(canDelegate('oracle', 'plan-reviewer'), false);
    assert.equal(mayUseTool('content-writer', 'ohmymkt_publish'), false);
    assert.equal(mayUseTool('content-writer', 'bash'), false);
    assert.equal(mayUseTool('nobody', 'ohmymkt_read_state'), false);
  });
});

describe('delegation matrix', () => {
  test('has the six work types of rules §10', () => {
    assert.deepEqual(sorted(Object.keys(DELEGATION_MATRIX)), sorted(WORK_TYPES));
    assert.deepEqual(
      WORK_TYPES.map((w) => [w, DELEGATION_MATRIX[w].primary, DELEGATION_MATRIX[w].supporting]),
      [
        ['market_discovery', 'research-agent', 'growth-analyst'],
        ['positioning', 'content-writer', 'growth-analyst'],
        ['aeo_seo_implementation', 'seo-engineer', 'aeo-specialist'],
        ['campaign_operations', 'content-ops', 'growth-manager'],
        ['performance_loop', 'growth-analyst', 'execution-manager'],
        ['asset_distribution', 'content-writer', 'content-ops'],
      ],
    );
  });

  test('names primaries that execution-manager can actually dispatch', () => {
    for (const route of Object.values(DELEGATION_MATRIX)) {
      assert.ok(canDelegate('execution-manager', route.primary), route.workType);
    }
  });

  test('lists typical tools someone on the route (or execution-manager) may call', () => {
    for (const route of Object.values(DELEGATION_MATRIX)) {
      for (const tool of route.typicalTools) {
        const holders: AgentName[] = [route.primary, route.supporting, 'execution-manager'];
        assert.ok(holders.some((a) => mayUseTool(a, tool)), `${route.workType}: ${tool}`);
      }
    }
  });
});

describe('route templates', () => {
  test('ultrawork loads growth-manager, execution-manager and the six specialists only', () => {
    assert.deepEqual(sorted(agentsForRoute('ultrawork')), sorted(['growth-manager', 'execution-manager', ...SPECIALIST_NAMES]));
  });

  test('ultrawork loads no requirements-analyst and no plan-reviewer', () => {
    assert.equal(agentsForRoute('ultrawork').includes('requirements-analyst'), false);
    assert.equal(agentsForRoute('ultrawork').includes('plan-reviewer'), false);
  });

  test('planned loads all ten agents', () => {
    assert.deepEqual(sorted(agentsForRoute('planned')), sorted(AGENT_NAMES));
  });

  test('every loaded agent is a catalog agent', () => {
    for (const route of ['ultrawork', 'planned'] as const) {
      for (const agent of agentsForRoute(route)) assert.ok(agent in AGENTS, `${route}: ${agent}`);
    }
  });

  test('in ultrawork growth-manager can only reach execution-manager', () => {
    assert.deepEqual(delegatesInRoute('growth-manager', 'ultrawork'), ['execution-manager']);
    assert.deepEqual(sorted(delegatesInRoute('execution-manager', 'ultrawork')), sorted(SPECIALIST_NAMES));
  });
});
