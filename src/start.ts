// The composition root: opens the store, builds the Bolt app with every listener, and starts it.
// main.ts calls it with the real environment; tests call it with a Config object and loopback fakes.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Logger } from './logging.ts';
import { createBoltApp } from './slack/app.ts';
import { explainSlackStartFailure } from './slack/start-check.ts';
import { JobRunner } from './slack/jobs.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { openStoreRetrying } from './store/open.ts';
import type { DocumentStore } from './store/port.ts';
import type { ServiceDeps } from './services/deps.ts';
import { loadPlaybookCatalog } from './playbook-files.ts';
import { openRepositories } from './store/repos/index.ts';
import { providerSettings } from './slack/provider-settings.ts';
import { slackRoles } from './slack/roles.ts';
import { homePublisher } from './slack/home.ts';
import { approvalNote, assetApprovalNote } from './services/approvers.ts';
import { ProviderRunbook } from './runs/provider-runbook.ts';
import { slackThread } from './slack/runs/thread.ts';
import { channelReplies, incidentVoice } from './slack/incident-voice.ts';
import { followIncident } from './services/incident-runbook.ts';
import { perTeamThread } from './slack/runs/team-thread.ts';
import { SlackInstallations } from './slack/oauth/installations.ts';
import { installedClients, singleTokenClients } from './slack/oauth/team-clients.ts';
import { RunEvents } from './runs/events.ts';
import { RunWorker } from './runs/worker.ts';
import { claudeAgents } from './runs/claude-agents.ts';
import { loadPrompts } from './agents/prompts.ts';
import { AnthropicModel } from './llm/anthropic.ts';
import { DEFAULT_ADAPTER_ENV } from './providers/env.ts';
import type { RetrySettings } from './llm/retry.ts';
import { logProbe, probeClaude, probeTargets } from './llm/probe.ts';
import { withOverrides } from './llm/pricing.ts';
import { startScheduler, type Scheduler } from './scheduler/scheduler.ts';

const RESUME_SWEEP_MS = 60_000;
const STORE_ATTEMPTS = 3;
// Next to src/, wherever the process was started from.
const PROMPTS_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  /** An already open store, shared by several app instances in tests (as replicas share MongoDB). */
  store?: DocumentStore;
  /** Where the agents' system prompts live; the repository's `prompts/` by default. */
  promptsDir?: string;
  /** Interface to bind in HTTP mode; all interfaces when absent. */
  host?: string;
  /** Feeds the app without Slack (the local terminal); config's HTTP or Socket Mode is then not used. */
  receiver?: Receiver;
  /** How Claude's transient failures are waited out; tests shorten the waits. */
  claudeRetry?: Partial<RetrySettings>;
}

export interface Running {
  app: App;
  port: number | undefined;
  storeKind: DocumentStore['kind'];
  jobs: JobRunner;
  scheduler: Scheduler;
  /** The services over the app's store, for tests and the local terminal to read what is stored. */
  services: ServiceDeps;
  /**
   * Stops taking work and lets running work finish until the drain deadline (`drainSeconds`); past
   * it, every run still being worked is handed back to the store for the next start or another replica.
   */
  stop(): Promise<void>;
}

export async function startOhmymkt(config: Config, options: StartOptions): Promise<Running> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const ownsStore = options.store === undefined;
  const store =
    options.store ??
    (await openStoreRetrying(config.store, {
      attempts: STORE_ATTEMPTS,
      backoffMs: 1000,
      onRetry: (attempt, error) => logger.warn('store_unreachable', { attempt, of: STORE_ATTEMPTS, reason: error.message }),
      log: (event, fields) => logger.warn(event, fields),
    }));
  const repos = await openRepositories(store);
  const jobs = new JobRunner(logger);
  // Like the prompts: a bad playbook file stops the start, naming the file and the problem.
  const playbooks = await loadPlaybookCatalog(config.playbooksDir);
  const services: ServiceDeps = {
    repos,
    clock,
    playbooks,
    secretKey: config.secretKey,
    providerHosts: config.providerHosts,
    prices: withOverrides(config.prices),
    ...(config.remotion ? { adapters: { ...DEFAULT_ADAPTER_ENV, remotion: config.remotion } } : {}),
  };
  // Prompts load even without a key, so a missing prompt file stops the start on every machine.
  const prompts = await loadPrompts(options.promptsDir ?? PROMPTS_DIR);
  const runtime = config.anthropic.apiKey
    ? {
        model: new AnthropicModel({
          apiKey: config.anthropic.apiKey,
          baseUrl: config.anthropic.baseUrl,
          cacheTtl: config.cacheTtl,
          ...(options.claudeRetry ? { retry: options.claudeRetry } : {}),
        }),
        prompts,
        services,
        models: { strong: config.anthropic.model, fast: config.anthropic.fastModel, perAgent: config.anthropic.agentModels },
        maxTokens: config.anthropic.agentMaxTokens,
      }
    : undefined;
  // OAuth mode: installations in the store, tokens sealed with OHMYMKT_SECRET_KEY (config requires it then).
  const installations =
    config.slack.oauth && config.secretKey ? new SlackInstallations({ repo: repos.installations, secretKey: config.secretKey, clock, logger }) : undefined;
  const app = createBoltApp({ config, logger, storeReady: () => store.ping(), receiver: options.receiver, ...(installations ? { installationStore: installations } : {}) });
  // Work outside a Slack request (run threads, scheduled reports) uses the token of the workspace it belongs to.
  const clients = installations ? installedClients(installations, app.webClientOptions) : singleTokenClients(app.client);
  const agents = claudeAgents(runtime);
  // An agent's incident change follows the slash command's runbook, in the program's channel, as a job
  // (the agent's tool call does not wait for the alert, the resequence proposal or the cycle).
  services.incidentFollowUp = (program, actor, step, incident) =>
    jobs.run(`incident:${step}`, async () => {
      const replies = channelReplies(await clients.forTeam(program.teamId), program.channelId, () => undefined);
      await followIncident(services, incidentVoice({ services, agents, program, actor, replies }), program, actor, step, incident);
    });
  const leaseMs = config.leaseSeconds * 1000;
  const threadOn = (client: typeof app.client) =>
    slackThread(client, logger, { threadMessages: services.repos.threadMessages, approvalNote: (run, post) => (post.type === 'plan' ? approvalNote(services, run) : assetApprovalNote(services, run)) });
  const thread = installations ? perTeamThread(clients, threadOn) : threadOn(app.client);
  const worker = new RunWorker({ services, agents, thread, logger, leaseMs });
  const runs = new RunEvents(worker);
  const roles = slackRoles(config.admins, logger);
  const home = homePublisher({ services, roles, logger, clock, timezone: config.timezone });
  const listenerDeps = { logger, jobs, deliveries: repos.deliveries, clock, services, runs, agents, storeWaitMs: config.storeWaitSeconds * 1000, roles, providers: providerSettings(services, roles), home };
  registerListeners(app, { ...listenerDeps, runbook: new ProviderRunbook(worker), ...(installations ? { installations } : {}) });
  app.error(async (error) => logger.error('bolt_error', { error }));
  // The first call to Slack (auth.test of the bot token): a refused token or an unreachable Slack is said
  // in words a person can act on, not as the WebClient's error.
  await app.init().catch((error: unknown) => {
    throw explainSlackStartFailure(error, config.slack.apiUrl);
  });

  let port: number | undefined;
  if (options.receiver) {
    await app.start();
  } else if (config.slack.mode === 'http') {
    const server = (await app.start({ port: config.port, ...(options.host ? { host: options.host } : {}) })) as Server;
    port = (server.address() as AddressInfo).port;
  } else {
    await app.start();
    port = config.port;
  }

  const scheduler = await startScheduler({
    config,
    deps: services,
    store,
    logger,
    post: async (program, message) => {
      const client = await clients.forTeam(program.teamId);
      await client.chat.postMessage({ channel: program.channelId, text: message.text, blocks: message.blocks });
    },
    installed: (teamId) => clients.installed(teamId),
    reminders: {
      hours: config.reminderHours,
      post: async (program, threadTs, message) => {
        const client = await clients.forTeam(program.teamId);
        await client.chat.postMessage({ channel: program.channelId, thread_ts: threadTs, text: message.text, blocks: message.blocks });
      },
    },
  });

  // The key and each configured model are checked once, in the background: the log says what was found,
  // and a bad key or model leaves the rest of the app working.
  const { apiKey, baseUrl } = config.anthropic;
  if (apiKey) jobs.run('claude_check', async () => logProbe(logger, await probeClaude({ apiKey, baseUrl, targets: probeTargets(config.anthropic) })));

  // Runs that were working when the last process stopped resume here; pending approvals just wait.
  // The sweep repeats, so a run whose worker died elsewhere is taken over once its lease runs out.
  jobs.run('resume_runs', () => worker.resumeAll());
  // Never slower than a lease, so a run left by a crashed process is picked up soon after it runs out.
  const sweep = setInterval(() => jobs.run('resume_runs', () => worker.resumeAll()), Math.min(RESUME_SWEEP_MS, leaseMs));
  sweep.unref();

  let stopped = false;
  return {
    app,
    port,
    storeKind: store.kind,
    jobs,
    scheduler,
    services,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(sweep);
      const drained = await drainWithin(config.drainSeconds * 1000, async () => {
        await scheduler.stop();
        await app.stop();
        await jobs.idle();
      });
      if (!drained) {
        const runs = await worker.handBack();
        logger.warn('drain_deadline', { seconds: config.drainSeconds, handedBack: runs });
      }
      if (ownsStore) await store.close();
    },
  };
}

/** Whether `work` finished within `ms`; past that it is left running and the caller moves on. */
async function drainWithin(ms: number, work: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work().then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
