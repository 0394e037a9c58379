// The incident runbook's voice in Slack: the alert in the channel, everything after it in the alert's
// thread, the resolution also broadcast to the channel (reply_broadcast), cycle and report in the channel.
import type { WebClient } from '@slack/web-api';
import type { Actor, ProgramRef } from '../domain/program.ts';
import type { Incident } from '../domain/incidents.ts';
import type { AgentRunner } from '../runs/ports.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { IncidentVoice } from '../services/incident-runbook.ts';
import { loadWithPlaybook } from '../services/playbooks.ts';
import { cycleMessage } from './blocks/cycle.ts';
import { incidentAlert, incidentResolved, incidentUpdated } from './blocks/incidents.ts';
import type { Message } from './blocks/kit.ts';
import { reportMessage } from './blocks/report.ts';
import type { Replies } from './commands/spec.ts';
import { proposeResequence } from './commands/resequence.ts';

export interface VoiceContext {
  services: ServiceDeps;
  agents: AgentRunner;
  program: ProgramRef;
  actor: Actor;
  replies: Replies;
}

export function incidentVoice(context: VoiceContext): IncidentVoice {
  const { replies } = context;
  const now = () => context.services.clock.now();
  const underAlert = (ref: string | undefined, message: Message, broadcast = false) =>
    ref === undefined ? replies.channel(message).then(() => undefined) : replies.inThread(ref, message, { broadcast });
  return {
    alert: async (incident: Incident) => {
      const { book } = await loadWithPlaybook(context.services, context.program);
      return replies.channel(incidentAlert(incident, now(), book));
    },
    updated: (incident, ref) => underAlert(ref, incidentUpdated(incident, now())),
    resolved: (incident, ref) => underAlert(ref, incidentResolved(incident, now()), true),
    resequence: (incident, ref) => proposeResequence(context, incident, ref),
    cycle: async (cycle, warnings) => void (await replies.channel(cycleMessage(cycle, warnings))),
    report: async (report) => void (await replies.channel(reportMessage(report))),
  };
}

/** Replies in a channel outside any slash command (an agent's incident): there is no one to answer privately. */
export function channelReplies(client: WebClient, channel: string, onPrivate: (message: Message) => void): Replies {
  return {
    private: async (message) => onPrivate(message),
    channel: async (message) => (await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks })).ts,
    inThread: async (threadTs, message, options) => {
      await client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks: message.blocks, reply_broadcast: options?.broadcast === true });
    },
  };
}
