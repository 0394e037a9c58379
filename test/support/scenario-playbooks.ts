// The playbooks a scenario runs on: the default seo-aeo program, and a demand-gen program switched
// through the real `/ohmymkt playbook set`. Each brings the words its scripted agents and person use and
// the gate values that pass its gates, so one test body proves a run for every kind of program.
import assert from 'node:assert/strict';
import { BUILT_IN_CATALOG } from '../../src/domain/playbook-catalog.ts';
import type { Harness } from './app-harness.ts';
import { COMPLETE_REQUIREMENTS } from './claude-scripts.ts';
import type { SlackCall } from './fake-slack.ts';
import { shownText } from './slack-text.ts';

/**
 * Words that only mean something on an SEO/AEO program. A demand-gen channel that shows one was handed
 * the default playbook's wording somewhere (a gate owner, a cycle action, an agent's name, a report
 * line) instead of its own. Matched case-insensitively as whole words, so "seo-engineer" is caught and
 * "LinkedIn ads" or "paid search" are not.
 */
export const SEO_WORDS = [
  'SEO',
  'AEO',
  'SERP',
  'SERPs',
  'query cluster',
  'query clusters',
  'non-brand',
  'priority query',
  'priority queries',
  'schema',
  'indexation',
  'Core Web Vitals',
  'internal link',
  'internal links',
  'answer engine',
  'answer engines',
  'crawl',
  'crawl errors',
  'backlinks',
] as const;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const wholeWords = (words: readonly string[]) => new RegExp(`\\b(?:${words.map(escapeRegExp).join('|')})\\b`, 'i');

/** The Slack calls whose text a person reads: posts, edits, private replies and modals. */
const SHOWN = /^(chat\.(postMessage|update|postEphemeral|scheduleMessage)|views\.(open|update|push|publish)|response_url)$/;

export interface ScenarioPlaybook {
  name: string;
  /** Puts the channel on this playbook the way a person does (nothing for the default). */
  choose(h: Harness): Promise<void>;
  /** `gates set` assignments that make every gate of the playbook pass. */
  passingGates: string[];
  /** The analyst's requirements packet, and the acceptance criterion its revision brings. */
  requirements: typeof COMPLETE_REQUIREMENTS;
  revisedCriterion: string;
  /** How many tasks a started campaign seeds onto the board. */
  poolSize: number;
  /** What the person asks and the agents answer, in this kind of program's words. */
  words: {
    ulwRequest: string;
    ulwBrief: string;
    ulwTask: string;
    ulwDrafts: string;
    ulwDelivered: string;
    launchRequest: string;
    launchBrief: string;
    plannedRequest: string;
    plannedFrame: string;
    researchTask: string;
    researchBrief: string;
  };
  /** Words this program must never show, when there is such a list. */
  foreign: RegExp | undefined;
}

function poolSize(name: string): number {
  const book = BUILT_IN_CATALOG.get(name);
  assert.ok(book, `no built-in playbook ${name}`);
  return book.pool.length;
}

const seoAeo: ScenarioPlaybook = {
  name: 'seo-aeo',
  choose: async () => {},
  passingGates: [
    'strategy_gate.kpi_tree_bound=true',
    'strategy_gate.approved=true',
    'compliance_gate.documented=true',
    'compliance_gate.accepted_by_all=true',
    'capacity_gate.rolling_weeks_feasible=8',
    'data_gate.dashboard_stable=true',
    'data_gate.reconcilable=true',
    'ownership_gate.priority_query_coverage=0.9',
  ],
  requirements: COMPLETE_REQUIREMENTS,
  revisedCriterion: '70 demo requests in the CRM "Demo requests" report for January',
  poolSize: poolSize('seo-aeo'),
  words: {
    ulwRequest: 'ulw draft three LinkedIn posts about our webinar',
    ulwBrief: 'Brief: three LinkedIn posts promoting the webinar.',
    ulwTask: 'Draft three LinkedIn posts for the webinar.',
    ulwDrafts: 'Post 1… Post 2… Post 3…',
    ulwDelivered: 'Delivered three drafts from content-writer.',
    launchRequest: 'ulw launch the spring campaign with $20k on paid social',
    launchBrief: 'Brief: spring campaign on paid social.',
    plannedRequest: 'plan our Q1 launch with a $50,000 budget',
    plannedFrame: 'Objective framed: a Q1 launch with a committed budget. Handing to requirements-analyst.',
    researchTask: 'Profile the three main competitors for the launch.',
    researchBrief: 'Competitor brief: A leads on price, B on integrations, C on support.',
  },
  foreign: undefined,
};

const demandGen: ScenarioPlaybook = {
  name: 'demand-gen',
  async choose(h) {
    const { replies } = await h.command('playbook set demand-gen');
    assert.ok(
      replies.some((call) => /switched the playbook from seo-aeo to demand-gen/.test(shownText(call))),
      'the admin could not switch the channel to demand-gen',
    );
  },
  passingGates: [
    'icp_offer_gate.icp_approved=true',
    'icp_offer_gate.offer_approved=true',
    'tracking_gate.conversion_tracking_live=true',
    'tracking_gate.crm_attribution_live=true',
    'budget_gate.budget_approved=true',
    'budget_gate.pacing_approved=true',
    'creative_gate.creative_weeks_ready=4',
    'owner_coverage_gate.channel_owner_coverage=1',
    'owner_coverage_gate.sales_sla_agreed=true',
  ],
  requirements: {
    objective: 'Grow MQLs from 120 to 200 per month at a CPL under $150 by 2027-01-31',
    channels: ['LinkedIn ads', 'email nurture', 'webinar'],
    boundaries: ['spend capped at $50,000', 'EU audience only', 'no competitor names in ad copy'],
    timeline: '2026-12-01 to 2027-01-31',
    budget: '$50,000 on LinkedIn ads and webinar promotion',
    acceptance_criteria: ['200 MQLs recorded in the CRM in January', '$400k of pipeline sourced by LinkedIn ads by 2027-01-31'],
    rollback_route: 'if CPL rises above $200 for a week, pause the LinkedIn campaigns and tell the demand gen lead',
    owners: [
      { deliverable: 'LinkedIn ads', owner: 'Dana (paid social)' },
      { deliverable: 'email nurture', owner: 'Sam (lifecycle)' },
    ],
  },
  revisedCriterion: '200 MQLs in the CRM "MQL source" report for January',
  poolSize: poolSize('demand-gen'),
  words: {
    ulwRequest: 'ulw draft three LinkedIn ad variants for our webinar',
    ulwBrief: 'Brief: three LinkedIn ad variants driving webinar registrations at a CPL under $120.',
    ulwTask: 'Draft three LinkedIn ad variants for the webinar, each with a registration CTA.',
    ulwDrafts: 'Ad 1: "Cut your CAC"… Ad 2: "See pipeline, not clicks"… Ad 3: "MQLs sales accept"…',
    ulwDelivered: 'Delivered three ad variants from content-writer.',
    launchRequest: 'ulw launch the spring pipeline push with $20k on LinkedIn ads',
    launchBrief: 'Brief: spring pipeline push on LinkedIn ads, 200 MQLs at a CPL under $100.',
    plannedRequest: 'plan our Q1 LinkedIn ads push for more MQLs with a $50,000 budget',
    plannedFrame: 'Objective framed: 200 MQLs a month and $400k pipeline from a committed budget. Handing to requirements-analyst.',
    researchTask: 'Profile the three main competitors bidding on our LinkedIn audiences.',
    researchBrief: 'Competitor brief: A outbids us on LinkedIn ads, B leads on webinars, C on email nurture.',
  },
  foreign: wholeWords(SEO_WORDS),
};

export function scenarioPlaybooks(): ScenarioPlaybook[] {
  return [seoAeo, demandGen];
}

/**
 * Fails naming the message and the word when any of these calls shows a person a word foreign to the
 * program's playbook; also fails when nothing was shown, so the check cannot pass by looking at nothing.
 */
export function assertOwnWords(playbook: ScenarioPlaybook, calls: readonly SlackCall[]): void {
  const { foreign } = playbook;
  if (foreign === undefined) return;
  const shown = calls.filter((call) => SHOWN.test(call.method));
  assert.ok(shown.length > 0, 'the app showed nothing to check');
  for (const call of shown) {
    const text = shownText(call);
    const found = foreign.exec(text);
    assert.equal(found, null, `a ${playbook.name} program was shown "${found?.[0]}" in ${call.method}:\n${text}`);
  }
}
