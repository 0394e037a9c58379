// Scripted agents for scenario tests: the fake Claude answers by which agent's system prompt it sees,
// so a test reads like the conversation it stages.
import type { ClaudeRequestBody, ClaudeScript, FakeClaude } from './fake-claude.ts';

export type AgentScript = (request: ClaudeRequestBody, call: number) => ClaudeScript;

/** The agent a request is for, from its prompt's version marker (the team prompt's comes first). */
export function agentOf(request: ClaudeRequestBody): string {
  const system = Array.isArray(request['system']) ? request['system'].map((b: { text?: string }) => b.text ?? '').join('') : String(request['system'] ?? '');
  const names = [...system.matchAll(/<!-- prompt: ([a-z-]+) v\d+ -->/g)].map((match) => match[1]);
  return names.find((name) => name !== 'team') ?? 'unknown';
}

/** The last message's tool results, or [] when the model is being asked fresh. */
export function toolResults(request: ClaudeRequestBody): Array<{ tool_use_id: string; content: string; is_error?: boolean }> {
  const messages = request['messages'] as Array<{ role: string; content: unknown }>;
  const last = messages[messages.length - 1];
  if (!last || !Array.isArray(last.content)) return [];
  return (last.content as Array<{ type: string }>).filter((b) => b.type === 'tool_result') as never;
}

export function lastUserText(request: ClaudeRequestBody): string {
  const messages = request['messages'] as Array<{ role: string; content: unknown }>;
  const first = messages[0];
  if (!first) return '';
  if (typeof first.content === 'string') return first.content;
  return (first.content as Array<{ type: string; text?: string }>).map((b) => b.text ?? '').join('\n');
}

export const say = (text: string): ClaudeScript => ({ content: [{ type: 'text', text }], stop_reason: 'end_turn' });

export const callTool = (name: string, input: Record<string, unknown>, text = ''): ClaudeScript => ({
  content: [...(text ? [{ type: 'text' as const, text }] : []), { type: 'tool_use' as const, name, input }],
  stop_reason: 'tool_use',
});

/** Routes each request to its agent's script; the call count is per agent. */
export function scriptAgents(claude: FakeClaude, scripts: Record<string, AgentScript>): Map<string, number> {
  const calls = new Map<string, number>();
  claude.setResponder((request) => {
    const agent = agentOf(request);
    const script = scripts[agent];
    if (!script) return undefined;
    const call = calls.get(agent) ?? 0;
    calls.set(agent, call + 1);
    return script(request, call);
  });
  return calls;
}

export const COMPLETE_REQUIREMENTS = {
  objective: 'Grow qualified demo requests from 40 to 70 per month by 2027-01-31',
  channels: ['LinkedIn organic', 'email newsletter', 'blog'],
  boundaries: ['no paid spend', 'EU audience only', 'no competitor names in copy'],
  timeline: '2026-12-01 to 2027-01-31',
  budget: 'no paid spend',
  acceptance_criteria: ['70 demo requests recorded in the CRM in January', 'three blog posts published by 2026-12-20'],
  rollback_route: 'if demo quality drops below 30% SQL rate, pause the newsletter CTA and tell the growth lead',
  owners: [
    { deliverable: 'blog posts', owner: 'Dana (content lead)' },
    { deliverable: 'newsletter', owner: 'Sam (lifecycle)' },
  ],
};

const CHECKLIST_ITEMS = [
  'measurable_objective',
  'channels_and_boundaries',
  'timeline_and_budget',
  'testable_acceptance_criteria',
  'rollback_route',
  'owner_per_deliverable',
];

/** plan-reviewer as the model plays it: hands over its verdict with submit_review, then ends its turn. */
export function reviewWith(pass: boolean[]): AgentScript {
  return (request) => {
    if (toolResults(request).length > 0) return say('Review handed over.');
    const items = Object.fromEntries(CHECKLIST_ITEMS.map((key, i) => [key, { pass: pass[i] ?? false, reason: pass[i] ? 'explicit in the packet' : 'missing' }]));
    return callTool('submit_review', { verdict: pass.every(Boolean) ? 'approve' : 'reject', items, sequencing: 'ok', launch_readiness: '0/5 gates pass', incidents: 'none open' });
  };
}
