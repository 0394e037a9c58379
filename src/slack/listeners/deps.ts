// What the listeners are handed: the delivery plumbing, the services, the run events and the
// provider settings.
import type { WebClient } from '@slack/web-api';
import type { Actor, ProgramRef } from '../../domain/program.ts';
import type { Result } from '../../domain/result.ts';
import type { RunEvents } from '../../runs/events.ts';
import type { ProviderRunbook } from '../../runs/provider-runbook.ts';
import type { AgentRunner } from '../../runs/ports.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { HandoverDeps } from '../handover.ts';
import type { HomePublisher } from '../home.ts';
import type { SlackInstallations } from '../oauth/installations.ts';
import type { RoleLookup } from '../roles.ts';

export interface ProviderSettings {
  /** Opens the settings for someone the permission table allows; a refusal comes back for a private answer. */
  openModal(input: { program: ProgramRef; actor: Actor; triggerId: string; client: WebClient }): Promise<Result<void>>;
}

export interface ListenerDeps extends HandoverDeps {
  services: ServiceDeps;
  runs: RunEvents;
  agents: AgentRunner;
  providers: ProviderSettings;
  roles: RoleLookup;
  /** App Home: published on opening, refreshed for those a decision waited on. */
  home: HomePublisher;
  /** The provider runbook a saved Configure form retries through. */
  runbook: ProviderRunbook;
  /** OAuth mode only: the installations an uninstall removes. */
  installations?: SlackInstallations;
}
