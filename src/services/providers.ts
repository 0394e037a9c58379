// Provider settings per program and the calls that use them: a person sets a provider through the
// modal (secrets sealed at rest, shown masked); tools generate and publish through the port, and a
// missing or broken provider comes back as a value the run can act on.
import type { Clock } from '../clock.ts';
import { programKey, type Actor, type ProgramRef } from '../domain/program.ts';
import { PROVIDERS, type ProviderCategory } from '../domain/providers.ts';
import { fail, ok, type Fail, type Ok, type Result } from '../domain/result.ts';
import { checkFields, effectiveOrigin, isProviderId, PROVIDER_FIELDS, type FieldSpec, type FieldValues, type ProviderId } from '../providers/catalog.ts';
import { allowedHostsText, isAllowedHost, type ProviderHosts } from '../providers/hosts.ts';
import { DEFAULT_ADAPTER_ENV, type AdapterEnv } from '../providers/env.ts';
import {
  providerFail,
  type GeneratedMedia,
  type ImageRequest,
  type ProviderResult,
  type Published,
  type PublishRequest,
  type TemplateVideoRequest,
  type VideoRequest,
} from '../providers/port.ts';
import {
  IMAGE_ADAPTERS,
  PUBLISHERS,
  TEMPLATE_VIDEO_ADAPTERS,
  VIDEO_ADAPTERS,
  type ImageProviderId,
  type PublisherId,
  type VideoProviderId,
} from '../providers/registry.ts';
import { maskSecret, MIN_SECRET_KEY_LENGTH, openSecret, sealSecret, SecretUnreadable, type SealedSecret } from '../providers/secrets.ts';
import type { Repositories } from '../store/repos/index.ts';
import type { ProviderConfig, ProviderConfigs } from '../store/repos/provider-configs.ts';

export interface ProviderServiceDeps {
  repos: Pick<Repositories, 'audit'> & { providerConfigs: ProviderConfigs };
  clock: Clock;
  /** OHMYMKT_SECRET_KEY; without it nothing secret can be stored or read. */
  secretKey?: string | undefined;
  /** Network, timeouts and polling for the adapters; tests shorten the polling. */
  adapters?: AdapterEnv;
  /** OHMYMKT_PROVIDER_HOSTS: the only way a host other than a provider's official one is allowed. */
  providerHosts?: ProviderHosts;
}

/** What anyone (a person, an agent, a modal) may see of a provider: secrets only masked. */
export interface ProviderSummary {
  id: ProviderId;
  label: string;
  category: ProviderCategory;
  note?: string;
  status: 'configured' | 'not_configured';
  /** Field name → the setting, or the masked secret; absent when unset. */
  values: Record<string, string>;
  updatedAt?: Date;
  updatedBy?: string;
}

export type SetProviderResult = Ok<ProviderSummary> | (Fail & { fieldErrors?: Record<string, string> });

const NO_SECRET_KEY =
  `Provider secrets cannot be stored: OHMYMKT_SECRET_KEY is not set on the server. Ask the admin to set it ` +
  `(at least ${MIN_SECRET_KEY_LENGTH} characters, e.g. the output of \`openssl rand -base64 32\`) and restart ohmymkt.`;

const fieldsOf = (id: ProviderId): FieldSpec[] => PROVIDER_FIELDS[id];
/**
 * The sealed secret's authenticated context. With the host in it, a secret opens only for the origin it
 * was saved for: a config whose host was changed afterwards cannot be decrypted for the new host.
 * Configs saved before hosts were bound have no host and open with the old context (on an allowed host only).
 */
const sealContext = (program: ProgramRef, id: ProviderId, field: string, host: string | undefined) =>
  `${programKey(program)}:${id}:${field}${host === undefined ? '' : `@${host}`}`;

function summarise(id: ProviderId, config: Pick<ProviderConfig, 'settings' | 'masked' | 'updatedAt' | 'updatedBy'> | null): ProviderSummary {
  const spec = PROVIDERS.find((p) => p.id === id);
  return {
    id,
    label: spec?.label ?? id,
    category: spec?.category ?? 'publish',
    ...(spec?.note ? { note: spec.note } : {}),
    status: config ? 'configured' : 'not_configured',
    values: config ? { ...config.settings, ...config.masked } : {},
    ...(config ? { updatedAt: config.updatedAt, updatedBy: config.updatedBy } : {}),
  };
}

/** Remotion needs a browser and a project on the host: it is offered only where its operator set it up. */
function runsHere(deps: ProviderServiceDeps, id: ProviderId): boolean {
  return id !== 'remotion' || envOf(deps).remotion !== undefined;
}

const NO_REMOTION = 'Remotion is not set up on this host: its operator installs a browser and a Remotion project and sets OHMYMKT_REMOTION.';

export async function listProviderConfigs(deps: ProviderServiceDeps, program: ProgramRef): Promise<ProviderSummary[]> {
  const stored = new Map((await deps.repos.providerConfigs.list(program)).map((config) => [config.providerId, config]));
  return (Object.keys(PROVIDER_FIELDS) as ProviderId[]).filter((id) => runsHere(deps, id)).map((id) => summarise(id, stored.get(id) ?? null));
}

/** The publish providers this channel has configured, in catalog order: what a Publish button may offer. */
export async function configuredPublishers(deps: ProviderServiceDeps, program: ProgramRef): Promise<Array<ProviderSummary & { id: PublisherId }>> {
  const publishers = new Set<string>(Object.keys(PUBLISHERS));
  return (await listProviderConfigs(deps, program)).filter((p): p is ProviderSummary & { id: PublisherId } => p.status === 'configured' && publishers.has(p.id));
}

export async function readProviderConfig(deps: ProviderServiceDeps, program: ProgramRef, providerId: string): Promise<Result<ProviderSummary>> {
  if (!isProviderId(providerId)) return fail('not_found', `"${providerId}" is not a provider ohmymkt supports`);
  return ok(summarise(providerId, await deps.repos.providerConfigs.get(program, providerId)));
}

/**
 * Stores a provider's fields for the program. Secrets are sealed one by one; a secret left empty keeps
 * the stored one. Only a person sets providers: an agent is refused, so no secret ever passes through Claude.
 */
export async function setProviderConfig(
  deps: ProviderServiceDeps,
  program: ProgramRef,
  actor: Actor,
  providerId: string,
  input: FieldValues,
): Promise<SetProviderResult> {
  if (!isProviderId(providerId)) return fail('not_found', `"${providerId}" is not a provider ohmymkt supports`);
  if (actor.surface === 'agent') return fail('forbidden', 'Provider settings are entered by a person in the provider settings modal, never by an agent.');
  if (!runsHere(deps, providerId)) return fail('invalid', NO_REMOTION);
  const secretKey = deps.secretKey;
  if (!secretKey || secretKey.length < MIN_SECRET_KEY_LENGTH) return fail('invalid', NO_SECRET_KEY);
  const existing = await deps.repos.providerConfigs.get(program, providerId);
  const checked = checkFields(providerId, input, {
    storedSecrets: Object.keys(existing?.secrets ?? {}),
    ...(existing ? { storedSettings: existing.settings } : {}),
    extraHosts: deps.providerHosts ?? {},
  });
  if (!checked.ok) {
    return { ...fail('invalid', 'Some fields need fixing', Object.values(checked.errors)), fieldErrors: checked.errors };
  }
  const settings: Record<string, string> = {};
  const secrets: Record<string, SealedSecret> = {};
  const masked: Record<string, string> = {};
  // Kept secrets stay on their host (checkFields refuses a host change without them), so new ones are
  // sealed for the same binding; a config whose secrets are all new is bound to its host.
  const keepsSecrets = fieldsOf(providerId).some((spec) => spec.secret && checked.values[spec.name] === undefined && existing?.secrets[spec.name] !== undefined);
  const host = keepsSecrets ? existing?.host : effectiveOrigin(providerId, checked.values);
  for (const spec of fieldsOf(providerId)) {
    const value = checked.values[spec.name];
    if (!spec.secret) {
      if (value !== undefined) settings[spec.name] = value;
    } else if (value !== undefined) {
      secrets[spec.name] = await sealSecret(secretKey, value, sealContext(program, providerId, spec.name, host));
      masked[spec.name] = maskSecret(value);
    } else {
      const kept = existing?.secrets[spec.name];
      const keptMask = existing?.masked[spec.name];
      if (kept && keptMask !== undefined) {
        secrets[spec.name] = kept;
        masked[spec.name] = keptMask;
      }
    }
  }
  const config = { providerId, settings, secrets, masked, ...(host ? { host } : {}), updatedAt: deps.clock.now(), updatedBy: actor.userId };
  await deps.repos.providerConfigs.put(program, config);
  // The audit names the fields that changed, never their values.
  await deps.repos.audit.append(program, config.updatedAt, {
    actor,
    action: 'provider.set',
    detail: { providerId, fields: Object.keys(checked.values).sort() },
  });
  return ok(summarise(providerId, config));
}

/** The provider's settings with its secrets opened, for an adapter; a missing or unreadable config is a value. */
async function openSettings(deps: ProviderServiceDeps, program: ProgramRef, id: ProviderId): Promise<ProviderResult<FieldValues>> {
  const label = summarise(id, null).label;
  const config = await deps.repos.providerConfigs.get(program, id);
  if (!config) {
    return providerFail(id, 'not_configured', `${label} is not configured for this channel. Use "Configure provider" (or /ohmymkt provider) to set it up.`);
  }
  if (!deps.secretKey) return providerFail(id, 'misconfigured', `${label}'s secrets cannot be read: OHMYMKT_SECRET_KEY is not set on the server.`);
  const values: Record<string, string> = { ...config.settings };
  // Checked at every use, not only when saved: the operator may have taken a host out of OHMYMKT_PROVIDER_HOSTS.
  const host = effectiveOrigin(id, config.settings);
  const extra = deps.providerHosts ?? {};
  if (host !== undefined && !isAllowedHost(id, host, extra)) {
    return providerFail(id, 'misconfigured', `${label} points at a host that is not allowed (allowed: ${allowedHostsText(id, extra)}); its secrets are not sent there. Fix the host in the provider settings and enter the secret again.`);
  }
  if (config.host !== undefined && config.host !== host) {
    return providerFail(id, 'misconfigured', `${label}'s secrets were saved for another host; enter them again in the provider settings.`);
  }
  try {
    for (const [name, sealed] of Object.entries(config.secrets)) {
      values[name] = await openSecret(deps.secretKey, sealed, sealContext(program, id, name, config.host));
    }
  } catch (error) {
    if (error instanceof SecretUnreadable) return providerFail(id, 'misconfigured', `${label}: ${error.message}`);
    throw error;
  }
  const missing = fieldsOf(id).filter((spec) => spec.required && values[spec.name] === undefined);
  if (missing.length > 0) {
    return providerFail(id, 'misconfigured', `${label} is missing ${missing.map((spec) => spec.label).join(', ')}; complete it in the provider settings.`);
  }
  return { ok: true, value: values };
}

/** The explicit provider, or the first configured one of the category in catalog order. */
async function choose<Id extends ProviderId>(
  deps: ProviderServiceDeps,
  program: ProgramRef,
  candidates: readonly Id[],
  requested: Id | undefined,
  category: string,
): Promise<ProviderResult<{ id: Id; settings: FieldValues }>> {
  if (requested !== undefined) {
    const settings = await openSettings(deps, program, requested);
    return settings.ok ? { ok: true, value: { id: requested, settings: settings.value } } : settings;
  }
  const configured = new Set((await deps.repos.providerConfigs.list(program)).map((config) => config.providerId));
  const id = candidates.find((candidate) => configured.has(candidate));
  if (id === undefined) {
    const labels = candidates.map((candidate) => summarise(candidate, null).label).join(', ');
    return providerFail(category, 'not_configured', `No ${category} provider is configured for this channel (${labels}). Use "Configure provider" to set one up.`);
  }
  return choose(deps, program, candidates, id, category);
}

const envOf = (deps: ProviderServiceDeps) => deps.adapters ?? DEFAULT_ADAPTER_ENV;
type From<Id> = { provider: Id };

export async function generateImage(
  deps: ProviderServiceDeps,
  program: ProgramRef,
  request: ImageRequest,
  providerId?: ImageProviderId,
): Promise<ProviderResult<GeneratedMedia & From<ImageProviderId>>> {
  const chosen = await choose(deps, program, Object.keys(IMAGE_ADAPTERS) as ImageProviderId[], providerId, 'image');
  if (!chosen.ok) return chosen;
  const result = await IMAGE_ADAPTERS[chosen.value.id](chosen.value.settings, envOf(deps)).generate(request);
  return result.ok ? { ok: true, value: { ...result.value, provider: chosen.value.id } } : result;
}

export async function generateVideo(
  deps: ProviderServiceDeps,
  program: ProgramRef,
  request: VideoRequest,
  providerId?: VideoProviderId,
): Promise<ProviderResult<GeneratedMedia & { jobId: string } & From<VideoProviderId>>> {
  const chosen = await choose(deps, program, Object.keys(VIDEO_ADAPTERS) as VideoProviderId[], providerId, 'video');
  if (!chosen.ok) return chosen;
  const result = await VIDEO_ADAPTERS[chosen.value.id](chosen.value.settings, envOf(deps)).generate(request);
  return result.ok ? { ok: true, value: { ...result.value, provider: chosen.value.id } } : result;
}

export async function renderTemplateVideo(deps: ProviderServiceDeps, program: ProgramRef, request: TemplateVideoRequest): Promise<ProviderResult<GeneratedMedia>> {
  const settings = await openSettings(deps, program, 'remotion');
  if (!settings.ok) return settings;
  return TEMPLATE_VIDEO_ADAPTERS.remotion(settings.value, envOf(deps)).render(request);
}

export async function publish(
  deps: ProviderServiceDeps,
  program: ProgramRef,
  platform: PublisherId,
  request: PublishRequest,
): Promise<ProviderResult<Published & From<PublisherId>>> {
  const settings = await openSettings(deps, program, platform);
  if (!settings.ok) return settings;
  const result = await PUBLISHERS[platform](settings.value, envOf(deps)).publish(request);
  return result.ok ? { ok: true, value: { ...result.value, provider: platform } } : result;
}
