// Who speaks in a run's thread: each agent posts under its own name and icon ("growth-manager · ohmymkt"),
// so the thread reads as the hierarchy's conversation. Needs the chat:write.customize scope (manifest.yml).
import type { AgentName } from '../../domain/agents.ts';

export interface SlackIdentity {
  username: string;
  icon_emoji: string;
}

// One emoji per role, chosen so a glance tells managers' framing, asking and ruling from specialists' work.
const ICONS: Record<AgentName, string> = {
  'growth-manager': ':chart_with_upwards_trend:',
  'requirements-analyst': ':memo:',
  'plan-reviewer': ':mag:',
  'execution-manager': ':clipboard:',
  'research-agent': ':books:',
  'growth-analyst': ':bar_chart:',
  'content-writer': ':writing_hand:',
  'content-ops': ':package:',
  'seo-engineer': ':wrench:',
  'aeo-specialist': ':speech_balloon:',
};

/** The name and icon an agent's posts carry; the app's own posts (route, plans, buttons) carry none. */
export function agentIdentity(agent: AgentName): SlackIdentity {
  return { username: `${agent} · ohmymkt`, icon_emoji: ICONS[agent] };
}
