// The first reply in a run's thread: which route the request took and why.
import { describeRoute, type RouteResult } from '../../domain/router.ts';
import type { Message } from '../blocks/kit.ts';
import { LIMITS, mrkdwnEscape, truncate } from '../blocks/limits.ts';

export function routeReply(route: RouteResult, requesterId: string, agentsAvailable: string | undefined): Message {
  const summary = describeRoute(route);
  const evidence = route.evidence.length > 0 ? `\nEvidence: ${route.evidence.map((e) => `“${mrkdwnEscape(e)}”`).join(', ')}` : '';
  return {
    text: summary,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${mrkdwnEscape(summary)}*${evidence}`, LIMITS.sectionText) } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Requested by <@${requesterId}>` },
          ...(agentsAvailable ? [{ type: 'mrkdwn' as const, text: truncate(agentsAvailable, 2000) }] : []),
        ],
      },
    ],
  };
}
