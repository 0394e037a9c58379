// What the listeners are handed: the delivery plumbing, the services, and the two collaborators
// that own longer conversations (runs and provider settings).
import type { WebClient } from '@slack/web-api';
import type { Actor, ProgramRef } from '../../domain/program.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { Replies } from '../commands/execute.ts';
import type { HandoverDeps } from '../handover.ts';

export interface RunStarter {
  startFromCommand(input: { program: ProgramRef; actor: Actor; request: string; client: WebClient; reply: Replies }): Promise<void>;
}

export interface ProviderSettings {
  openModal(input: { program: ProgramRef; actor: Actor; triggerId: string; client: WebClient }): Promise<void>;
}

export interface ListenerDeps extends HandoverDeps {
  services: ServiceDeps;
  runs: RunStarter;
  providers: ProviderSettings;
}
