// After a high incident's alert: execution-manager's resequence proposal, in the alert's thread.
import type { Incident } from '../../domain/incidents.ts';
import { context, fallback, sectionsFromLines } from '../blocks/kit.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';
import { failureMessage } from '../failures.ts';
import type { CommandContext } from './spec.ts';

/**
 * A high incident pauses risky work; execution-manager proposes how the program's work is
 * resequenced, in the alert's own thread (flow 5).
 */
export async function proposeResequence(command: Pick<CommandContext, 'agents' | 'program' | 'actor' | 'replies'>, incident: Incident, alertTs: string): Promise<void> {
  const { agents, program, actor, replies } = command;
  const unavailable = agents.unavailable();
  if (unavailable) {
    await replies.inThread(alertTs, failureMessage(`No resequence proposal: ${unavailable}`));
    return;
  }
  const outcome = await agents.run({
    agent: 'execution-manager',
    task: resequenceTask(incident),
    program,
    runId: `incident:${incident.id}`,
    route: 'planned',
    requesterId: actor.userId,
    onReviewRequired: () => undefined,
    onPaused: () => undefined,
    onToolEvent: () => undefined,
  });
  const text = outcome.kind === 'failed' ? `No resequence proposal: ${outcome.error.message}` : outcome.text;
  await replies.inThread(alertTs, { text: fallback(text), blocks: [context([`*execution-manager* · resequence for ${incident.id}`]), ...sectionsFromLines(text.split('\n').map(mrkdwnEscape))] });
}

function resequenceTask(incident: Incident): string {
  return [
    `High incident ${incident.id} is open in this program (module: ${incident.module}): ${incident.summary}`,
    'Risky work (publishing, spending, launching) is paused until it is resolved; guarded work continues.',
    'Read the program state and propose a resequence: what stops now, what guarded work continues and in which order,',
    'what must be re-checked (gates, data) before risky work resumes, and who owns each step. Do not start anything risky.',
  ].join('\n');
}

