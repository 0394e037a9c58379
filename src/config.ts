// Runtime configuration: one zod schema over the environment, validated once at start.
// Only main.ts reads process.env; everything else receives the frozen Config, so tests pass objects.
import cron from 'node-cron';
import { z } from 'zod';
import { AGENT_NAMES } from './domain/agents.ts';
import { DEFAULT_REMINDER_HOURS } from './domain/reminders.ts';
import { CACHE_TTLS, DEFAULT_CACHE_TTL, PriceSchema, type CacheTtl, type Price } from './llm/pricing.ts';
import type { RemotionHost } from './providers/env.ts';
import { parseProviderHosts } from './providers/hosts.ts';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** `agent=value,agent=value` with every agent name checked and every value parsed by `value`. */
function perAgent<T>(value: z.ZodType<T>, example: string) {
  return z.string().transform((text, ctx) => {
    const entries: Record<string, T> = {};
    for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [agent, raw] = part.split('=').map((s) => s.trim());
      const parsed = value.safeParse(raw);
      if (!agent || !raw || !parsed.success) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not of the form ${example}` });
        return z.NEVER;
      }
      entries[agent] = parsed.data;
    }
    // A mistyped agent name would otherwise be ignored and that agent run with the default.
    const unknown = Object.keys(entries).filter((agent) => !(AGENT_NAMES as readonly string[]).includes(agent));
    if (unknown.length > 0) {
      const names = unknown.map((a) => `"${a}"`).join(', ');
      ctx.addIssue({ code: 'custom', message: `names ${unknown.length === 1 ? 'an unknown agent' : 'unknown agents'} ${names}; the agents are ${AGENT_NAMES.join(', ')}` });
      return z.NEVER;
    }
    return entries;
  });
}

const agentModelList = perAgent(z.string().min(1), 'agent=model');
// Thinking and the answer share max_tokens; the 5.5 models write up to 128K tokens.
const agentMaxTokens = perAgent(z.coerce.number().int().min(1024).max(128_000), 'agent=tokens, with tokens from 1024 to 128000');

const PRICES_EXAMPLE = '{"claude-sonnet-5-5":{"input":2,"output":10,"cacheRead":0.1,"cacheWrite5m":2.5,"cacheWrite1h":4}}';
// Per-model prices in USD per million tokens, all five for each model: a partial price would be a guess.
const priceOverrides = z.string().transform((text, ctx) => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: `must be JSON such as ${PRICES_EXAMPLE} (US dollars per million tokens)` });
    return z.NEVER;
  }
  const parsed = z.record(z.string().min(1), PriceSchema, { error: `must be a JSON object such as ${PRICES_EXAMPLE}` }).safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.')} ${issue.message}`.trim() });
    return z.NEVER;
  }
  return parsed.data;
});

const seconds = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a number of seconds (${what})` })
    .int({ error: 'must be a whole number of seconds' })
    .min(min, { error: `must be at least ${min} seconds` })
    .max(max, { error: `must be at most ${max} seconds` });

// Slack user ids: U… or W… (Enterprise Grid), as users.info and mentions carry them.
const adminList = z.string().transform((text, ctx) => {
  const ids = text.split(',').map((part) => part.trim()).filter(Boolean);
  const bad = ids.filter((id) => !/^[UW][A-Z0-9]{2,}$/.test(id));
  if (bad.length > 0) {
    ctx.addIssue({ code: 'custom', message: `must be comma-separated Slack user ids such as U0123ABCD (not ${bad.map((b) => `"${b}"`).join(', ')})` });
    return z.NEVER;
  }
  return ids;
});

const providerHostList = z.string().transform((text, ctx) => {
  const parsed = parseProviderHosts(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

// Remotion renders with a headless browser and a project the operator installed: only they can say how.
const remotionHost = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON such as {"command":"npx","args":["remotion","render","{composition}","{out}","--props={props}"],"cwd":"/srv/video"}' });
      return z.NEVER;
    }
  })
  .pipe(
    z.strictObject({
      command: z.string().min(1, { error: 'command: the executable that renders' }),
      args: z.array(z.string()),
      cwd: z.string().min(1, { error: 'cwd: the Remotion project directory' }),
      timeoutSeconds: z.number().int().min(1).max(3600).optional(),
    }),
  );

const envSchema = z.object({
  // Required unless the OAuth trio below is set; loadConfig says which when neither is.
  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', { error: 'must be a bot token starting with "xoxb-"' })),
  SLACK_CLIENT_ID: optional(z.string().regex(/^\d+\.\d+$/, { error: 'must be your Slack app\'s Client ID, digits dot digits ("Basic Information" page)' })),
  SLACK_CLIENT_SECRET: optional(z.string().min(16, { error: 'looks too short to be a client secret ("Basic Information" page, App Credentials)' })),
  SLACK_STATE_SECRET: optional(z.string().min(32, { error: 'must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)' })),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, { error: 'looks too short to be a signing secret' })),
  SLACK_APP_TOKEN: optional(
    z.string().startsWith('xapp-', { error: 'must be an app-level token starting with "xapp-" (Socket Mode)' }),
  ),
  SLACK_API_URL: optional(z.url({ error: 'must be a URL such as https://slack.com/api/' })),
  PORT: optional(
    z.coerce
      .number({ error: 'must be a port number' })
      .int({ error: 'must be a whole port number' })
      .min(0, { error: 'must be between 0 and 65535' })
      .max(65535, { error: 'must be between 0 and 65535' }),
  ),
  ANTHROPIC_API_KEY: optional(z.string()),
  ANTHROPIC_BASE_URL: optional(z.url({ error: 'must be a URL such as https://api.anthropic.com' })),
  OHMYMKT_MODEL: optional(z.string().min(1)),
  OHMYMKT_FAST_MODEL: optional(z.string().min(1)),
  OHMYMKT_AGENT_MODELS: optional(agentModelList),
  OHMYMKT_AGENT_MAX_TOKENS: optional(agentMaxTokens),
  MONGODB_URI: optional(
    z.string().regex(/^mongodb(\+srv)?:\/\//, { error: 'must start with mongodb:// or mongodb+srv://' }),
  ),
  OHMYMKT_DATA_DIR: optional(z.string()),
  OHMYMKT_TIMEZONE: optional(z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Paris' })),
  OHMYMKT_WEEKLY_CRON: optional(
    z.string().refine((expr) => cron.validate(expr), { error: 'must be a cron expression such as "0 9 * * 1"' }),
  ),
  OHMYMKT_SECRET_KEY: optional(
    z.string().min(32, { error: 'must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)' }),
  ),
  OHMYMKT_LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error'])),
  OHMYMKT_REMOTION: optional(remotionHost),
  OHMYMKT_PRICES: optional(priceOverrides),
  OHMYMKT_ADMINS: optional(adminList),
  OHMYMKT_PROVIDER_HOSTS: optional(providerHostList),
  OHMYMKT_PLAYBOOKS_DIR: optional(z.string().min(1)),
  OHMYMKT_DRAIN_SECONDS: optional(seconds('how long a stopping process finishes work before handing it back', 1, 600)),
  OHMYMKT_LEASE_SECONDS: optional(seconds('how long a run stays with a process that stopped renewing it', 3, 3600)),
  OHMYMKT_STORE_WAIT_SECONDS: optional(seconds('how long a mention waits for an unreachable store', 1, 86_400)),
  OHMYMKT_CACHE_TTL: optional(z.enum(CACHE_TTLS, { error: 'must be 5m or 1h (how long Claude keeps the shared prompt prefix cached)' })),
  OHMYMKT_REMINDER_HOURS: optional(
    z.coerce
      .number({ error: 'must be a number of hours (how long a plan or asset waits for a decision before its thread is reminded)' })
      .int({ error: 'must be a whole number of hours' })
      .min(1, { error: 'must be at least 1 hour' })
      .max(720, { error: 'must be at most 720 hours (30 days)' }),
  ),
});

export interface Config {
  readonly slack: {
    /** Single-workspace mode; undefined in OAuth mode, where each workspace's token comes from its installation. */
    readonly botToken: string | undefined;
    /** OAuth distribution to many workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET). */
    readonly oauth: OAuthConfig | undefined;
    readonly signingSecret: string | undefined;
    readonly appToken: string | undefined;
    readonly apiUrl: string | undefined;
    readonly mode: 'socket' | 'http';
  };
  readonly port: number;
  readonly anthropic: {
    readonly apiKey: string | undefined;
    readonly baseUrl: string | undefined;
    readonly model: string;
    readonly fastModel: string;
    readonly agentModels: Readonly<Record<string, string>>;
    /** OHMYMKT_AGENT_MAX_TOKENS: room for thinking and the answer, per agent, over the role's default. */
    readonly agentMaxTokens: Readonly<Record<string, number>>;
  };
  readonly store: { readonly mongodbUri: string | undefined; readonly dataDir: string };
  readonly timezone: string;
  readonly weeklyCron: string;
  readonly secretKey: string | undefined;
  /** How this host renders template videos with Remotion, when its operator installed it (OHMYMKT_REMOTION). */
  readonly remotion: RemotionHost | undefined;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** OHMYMKT_PRICES: model → list-price override (USD per million tokens); other models keep pricing.ts's. */
  readonly prices: Readonly<Record<string, Price>>;
  /** Treated as workspace admins beside Slack's own admins and owners (a bootstrap for a non-admin installer). */
  readonly admins: readonly string[];
  /** Provider id → extra origins its secrets may be sent to (proxies, a self-hosted Ghost); only ever from here. */
  readonly providerHosts: Readonly<Record<string, readonly string[]>>;
  /** OHMYMKT_PLAYBOOKS_DIR: a team's own playbook files (*.json), beside the built-in ones. */
  readonly playbooksDir: string | undefined;
  /** After SIGTERM/SIGINT: work still running at this point is handed back (leases released). */
  readonly drainSeconds: number;
  /** A run's lease lasts this long unless renewed; a crashed process's runs are taken over after it. */
  readonly leaseSeconds: number;
  /** A mention that meets an unreachable store is kept in memory and retried this long. */
  readonly storeWaitSeconds: number;
  /**
   * How long Claude keeps the shared prompt prefix (tools, team and agent prompts) cached. 1h costs 1.6×
   * a 5m write but survives a person's wait for Approve or an answer; the bench compares both.
   */
  readonly cacheTtl: CacheTtl;
  /** A plan or asset waiting this long for a decision gets a reminder in its thread (then at most one a day, three in all). */
  readonly reminderHours: number;
}

export interface OAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the OAuth `state` parameter (Bolt's state store), so a redirect is only accepted from our own install page. */
  readonly stateSecret: string;
}

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** The two ways to get Slack tokens are exclusive, and OAuth needs the key that seals installation tokens. */
function tokenModeProblems(present: (name: string) => boolean): string[] {
  const oauthSet = OAUTH_VARIABLES.filter(present);
  if (oauthSet.length === 0) {
    return present('SLACK_BOT_TOKEN')
      ? []
      : [
          'SLACK_BOT_TOKEN is required: the bot token (xoxb-…) from your Slack app\'s "OAuth & Permissions" page ' +
            '(or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install ohmymkt in many workspaces)',
        ];
  }
  const problems: string[] = [];
  const missing = OAUTH_VARIABLES.filter((name) => !present(name));
  if (missing.length > 0) {
    problems.push(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET ` +
        'go together (OAuth install in many workspaces; the first two from your Slack app\'s "Basic Information" page, the state ' +
        'secret any random string of 32+ characters). Unset all three for single-workspace mode with SLACK_BOT_TOKEN',
    );
  }
  if (present('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN must be unset in OAuth mode: with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET each ' +
        'workspace\'s token comes from its installation (/slack/install). Keep one of the two modes',
    );
  }
  if (!present('OHMYMKT_SECRET_KEY')) {
    problems.push(
      'OHMYMKT_SECRET_KEY is required in OAuth mode: each workspace\'s bot token is stored encrypted with it ' +
        '(at least 32 characters, e.g. the output of `openssl rand -base64 32`; keep it, losing it means installing again)',
    );
  }
  return problems;
}

/** Every variable the schema reads; `.env.example` lists exactly these (test/config.test.ts). */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export const DEFAULT_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_FAST_MODEL = 'claude-haiku-5-5';

/** Start-up refused: every problem found, each naming the variable and how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`ohmymkt cannot start; fix the environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  problems.push(...tokenModeProblems(present));
  if (!present('SLACK_APP_TOKEN') && !present('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode: copy it from your Slack app\'s "Basic Information" page ' +
        '(or set SLACK_APP_TOKEN to use Socket Mode instead)',
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return Object.freeze({
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN,
      oauth:
        e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
          ? Object.freeze({ clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET })
          : undefined,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    }),
    port: e.PORT ?? 3000,
    anthropic: Object.freeze({
      apiKey: e.ANTHROPIC_API_KEY,
      baseUrl: e.ANTHROPIC_BASE_URL,
      model: e.OHMYMKT_MODEL ?? DEFAULT_MODEL,
      fastModel: e.OHMYMKT_FAST_MODEL ?? DEFAULT_FAST_MODEL,
      agentModels: Object.freeze({ ...(e.OHMYMKT_AGENT_MODELS ?? {}) }),
      agentMaxTokens: Object.freeze({ ...(e.OHMYMKT_AGENT_MAX_TOKENS ?? {}) }),
    }),
    store: Object.freeze({ mongodbUri: e.MONGODB_URI, dataDir: e.OHMYMKT_DATA_DIR ?? './.ohmymkt' }),
    timezone: e.OHMYMKT_TIMEZONE ?? 'UTC',
    weeklyCron: e.OHMYMKT_WEEKLY_CRON ?? '0 9 * * 1',
    secretKey: e.OHMYMKT_SECRET_KEY,
    remotion: e.OHMYMKT_REMOTION
      ? Object.freeze({ command: e.OHMYMKT_REMOTION.command, args: e.OHMYMKT_REMOTION.args, cwd: e.OHMYMKT_REMOTION.cwd, ...(e.OHMYMKT_REMOTION.timeoutSeconds ? { timeoutMs: e.OHMYMKT_REMOTION.timeoutSeconds * 1000 } : {}) })
      : undefined,
    logLevel: e.OHMYMKT_LOG_LEVEL ?? 'info',
    prices: Object.freeze({ ...(e.OHMYMKT_PRICES ?? {}) }),
    admins: Object.freeze([...(e.OHMYMKT_ADMINS ?? [])]),
    providerHosts: Object.freeze({ ...(e.OHMYMKT_PROVIDER_HOSTS ?? {}) }),
    playbooksDir: e.OHMYMKT_PLAYBOOKS_DIR,
    drainSeconds: e.OHMYMKT_DRAIN_SECONDS ?? 25,
    leaseSeconds: e.OHMYMKT_LEASE_SECONDS ?? 60,
    storeWaitSeconds: e.OHMYMKT_STORE_WAIT_SECONDS ?? 600,
    cacheTtl: e.OHMYMKT_CACHE_TTL ?? DEFAULT_CACHE_TTL,
    reminderHours: e.OHMYMKT_REMINDER_HOURS ?? DEFAULT_REMINDER_HOURS,
  } satisfies Config);
}
