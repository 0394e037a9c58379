// What the listeners are handed: the delivery plumbing, the services, the run events and the
// provider settings.
import type { WebClient } from '@slack/web-api';
import type { Actor, ProgramRef } from '../../domain/program.ts';
import type { RunEvents } from '../../runs/events.ts';
import type { AgentRunner } from '../../runs/ports.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { HandoverDeps } from '../handover.ts';

export interface ProviderSettings {
  openModal(input: { program: ProgramRef; actor: Actor; triggerId: string; client: WebClient }): Promise<void>;
}

export interface ListenerDeps extends HandoverDeps {
  services: ServiceDeps;
  runs: RunEvents;
  agents: AgentRunner;
  providers: ProviderSettings;
}
