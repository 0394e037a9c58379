// The role card is how an agent offered the group's shared tool list learns which tools are its own and
// whom it may hand work to; it must say exactly what the code enforces.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roleCard } from '../../src/agents/role-card.ts';
import { AGENT_NAMES, AGENTS, DELEGATION_MATRIX, mayUseTool } from '../../src/domain/agents.ts';

const line = (card: string, label: string) => card.split('\n').find((l) => l.startsWith(`*${label}*`)) ?? '';
const toolsOn = (card: string) => [...line(card, 'Your tools').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);

describe('the role card', () => {
  test('names exactly the tools the code lets each agent use', () => {
    for (const agent of AGENT_NAMES) {
      const listed = toolsOn(roleCard(agent, { route: 'planned', delegation: true }));
      assert.deepEqual(listed, [...AGENTS[agent].tools], agent);
      assert.ok(listed.every((tool) => tool !== undefined && mayUseTool(agent, tool)), agent);
    }
  });

  test("names a manager's delegation targets for the run's route", () => {
    assert.equal(
      line(roleCard('growth-manager', { route: 'planned', delegation: true }), 'Delegation'),
      '*Delegation* — `delegate` to requirements-analyst, plan-reviewer, execution-manager (the planned route loads these).',
    );
    assert.equal(
      line(roleCard('growth-manager', { route: 'ultrawork', delegation: true }), 'Delegation'),
      '*Delegation* — `delegate` to execution-manager (the ultrawork route loads these).',
    );
  });

  test('says when a step must not delegate, and that specialists never do', () => {
    assert.match(line(roleCard('growth-manager', { route: 'planned', delegation: false }), 'Delegation'), /not in this step: the app hands the work on/);
    assert.match(line(roleCard('research-agent', { route: 'ultrawork', delegation: true }), 'Delegation'), /none: you return your deliverable/);
    assert.match(line(roleCard('plan-reviewer', { route: 'planned', delegation: true }), 'Delegation'), /none: you return your deliverable/);
  });

  test("carries each restriction's note, and nothing for an agent without one", () => {
    const manager = roleCard('execution-manager', { route: 'planned', delegation: true });
    assert.match(manager, /^• `ohmymkt_provider_config`: list providers and read the masked config; never set$/m);
    assert.doesNotMatch(roleCard('seo-engineer', { route: 'planned', delegation: true }), /\*Limits\*/);
  });

  test("execution-manager's card says who leads which work, from the delegation matrix; other cards do not", () => {
    const card = roleCard('execution-manager', { route: 'planned', delegation: true });
    for (const route of Object.values(DELEGATION_MATRIX)) {
      if (route.primary === 'growth-manager' || route.primary === 'execution-manager') continue;
      assert.match(card, new RegExp(`^• ${route.label.replace('+', '\\+')}: ${route.primary} leads, ${route.supporting} supports`, 'm'), route.label);
    }
    assert.doesNotMatch(roleCard('growth-manager', { route: 'planned', delegation: true }), /Who leads which work/);
    assert.doesNotMatch(roleCard('research-agent', { route: 'planned', delegation: true }), /Who leads which work/);
  });
});
