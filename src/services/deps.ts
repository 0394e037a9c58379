// What every application service needs: the repositories and the clock.
import type { Clock } from '../clock.ts';
import type { AdapterEnv } from '../providers/env.ts';
import type { ProviderHosts } from '../providers/hosts.ts';
import type { PlaybookCatalog } from '../domain/playbook-catalog.ts';
import type { Incident } from '../domain/incidents.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import type { IncidentStep } from './incident-runbook.ts';
import type { Repositories } from '../store/repos/index.ts';
import type { PriceTable } from '../llm/pricing.ts';

export interface ServiceDeps {
  repos: Repositories;
  clock: Clock;
  /** OHMYMKT_SECRET_KEY: seals provider secrets at rest; without it none can be stored. */
  secretKey?: string | undefined;
  /** Network, timeouts and polling for the provider adapters; tests shorten the polling. */
  adapters?: AdapterEnv;
  /** Model prices for recorded costs: the list prices with OHMYMKT_PRICES' overrides; list prices when absent. */
  prices?: PriceTable;
  /** OHMYMKT_PROVIDER_HOSTS: extra origins per provider; never set from Slack. */
  providerHosts?: ProviderHosts;
  /** The playbooks a channel may run: the built-ins plus OHMYMKT_PLAYBOOKS_DIR's; the built-ins when absent. */
  playbooks?: PlaybookCatalog;
  /**
   * What follows an agent's incident change — alert, resequence, thread replies, cycle and report — is
   * the same runbook a person's slash command follows; the app wires it to Slack and runs it as a job.
   */
  incidentFollowUp?: (program: ProgramRef, actor: Actor, step: IncidentStep, incident: Incident) => void;
}

/** Records who changed what, when and from which surface (the actor carries the surface). */
export async function audit(deps: ServiceDeps, program: ProgramRef, actor: Actor, action: string, detail: Record<string, unknown>): Promise<void> {
  await deps.repos.audit.append(program, deps.clock.now(), { actor, action, detail });
}
