// At start, one cheap call per configured model (GET /v1/models/{id}, no tokens spent) tells the operator
// whether the API key works and each model is available to it, before a person's first request finds out.
// It never stops the start: slash commands, approvals and reports work without Claude.
import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';

// The Model port's folder stands alone (test/architecture.test.ts): the configuration and the logger come
// in as these shapes, which Config['anthropic'] and the app's Logger satisfy.
interface ModelChoice {
  model: string;
  fastModel: string;
  agentModels: Readonly<Record<string, string>>;
}
interface ProbeLogger {
  info(event: string, fields: Record<string, unknown>): void;
  warn(event: string, fields: Record<string, unknown>): void;
}

export type ProbeResult =
  | { model: string; result: 'ok' }
  | { model: string; result: 'bad_key' | 'model_unavailable' | 'unreachable' | 'failed'; message: string };

/** A model to check and the variables that chose it, so a message can say which one to change. */
export interface ProbeTarget {
  model: string;
  variables: string[];
}

/** Every distinct model the configuration may call, with the variables that name it. */
export function probeTargets(anthropic: ModelChoice): ProbeTarget[] {
  const targets = new Map<string, string[]>();
  const add = (model: string, variable: string) => {
    const variables = targets.get(model) ?? [];
    if (!variables.includes(variable)) variables.push(variable);
    targets.set(model, variables);
  };
  add(anthropic.model, 'OHMYMKT_MODEL');
  add(anthropic.fastModel, 'OHMYMKT_FAST_MODEL');
  for (const model of Object.values(anthropic.agentModels)) add(model, 'OHMYMKT_AGENT_MODELS');
  return [...targets].map(([model, variables]) => ({ model, variables }));
}

const hostOf = (baseUrl: string | undefined) => (baseUrl ? new URL(baseUrl).host : 'api.anthropic.com');

function explain(error: unknown, target: ProbeTarget, baseUrl: string | undefined): ProbeResult {
  const { model } = target;
  if (error instanceof APIConnectionError) {
    const why = error.cause instanceof Error ? error.cause.message : error.message;
    const message =
      `Claude could not be reached at ${hostOf(baseUrl)} (${why}); check this machine's network and any proxy ` +
      `(HTTPS_PROXY)${baseUrl ? ', and ANTHROPIC_BASE_URL' : ''}. Agents cannot run until it is reachable.`;
    return { model, result: 'unreachable', message };
  }
  if (error instanceof APIError && error.status === 401) {
    const message =
      'Claude refused ANTHROPIC_API_KEY (authentication_error): the key is wrong, revoked or expired. Create a key at ' +
      'console.anthropic.com → Settings → API keys and set ANTHROPIC_API_KEY. Agents cannot run until then; slash commands work.';
    return { model, result: 'bad_key', message };
  }
  if (error instanceof APIError && (error.status === 404 || error.status === 403)) {
    const message = `model ${model} isn't available to this API key; set ${target.variables.join(' / ')} to a model it can use.`;
    return { model, result: 'model_unavailable', message };
  }
  const status = error instanceof APIError && error.status !== undefined ? `HTTP ${error.status}` : 'an error';
  const message = `checking model ${model} failed with ${status} (${error instanceof Error ? error.message : String(error)}); agents may still work.`;
  return { model, result: 'failed', message };
}

/**
 * Checks the key and each target, one request each; after a refused key or an unreachable API the rest would
 * only say the same, so they are not asked.
 */
export async function probeClaude(options: { apiKey: string; baseUrl: string | undefined; targets: ProbeTarget[]; timeoutMs?: number }): Promise<ProbeResult[]> {
  // No retries and a short timeout: this is a hint for the operator, not a step anything waits on.
  const client = new Anthropic({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    maxRetries: 0,
    timeout: options.timeoutMs ?? 10_000,
  });
  const results: ProbeResult[] = [];
  for (const target of options.targets) {
    try {
      await client.models.retrieve(target.model);
      results.push({ model: target.model, result: 'ok' });
    } catch (error) {
      const result = explain(error, target, options.baseUrl);
      results.push(result);
      if (result.result === 'bad_key' || result.result === 'unreachable') break;
    }
  }
  return results;
}

/** One `claude_check` line per finding: info when the model answers, warn with what to do when not. */
export function logProbe(logger: ProbeLogger, results: ProbeResult[]): void {
  for (const found of results) {
    if (found.result === 'ok') logger.info('claude_check', { model: found.model, result: 'ok' });
    else logger.warn('claude_check', { model: found.model, result: found.result, message: found.message });
  }
}
