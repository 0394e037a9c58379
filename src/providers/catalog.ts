// What each provider needs from a person: its fields, which of them are secrets, and how each is
// checked — read by the settings modal, the config service and the adapters alike.
import { z } from 'zod';
import { allowedHostsText, hostField, isAllowedHost, originOf, type ProviderHosts } from './hosts.ts';

export interface FieldSpec {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
  hint?: string;
  check?: z.ZodType<string>;
  /** Names the account the secrets belong to: changing it, like changing the host, needs the secrets again. */
  account?: boolean;
}

const secret = (name: string, label: string, hint?: string, check?: z.ZodType<string>): FieldSpec => ({ name, label, secret: true, required: true, hint, check });
const setting = (name: string, label: string, hint?: string, check?: z.ZodType<string>): FieldSpec => ({ name, label, secret: false, required: true, hint, check });
const optional = (spec: FieldSpec): FieldSpec => ({ ...spec, required: false });
const account = (spec: FieldSpec): FieldSpec => ({ ...spec, account: true });

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
// Requests carry the secret, so they go over HTTPS; plain HTTP only to this host (local proxies, tests).
const httpsUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}, 'must be an https:// URL');

const baseUrl = (defaultUrl: string) => optional(setting('baseUrl', 'API base URL', `Leave empty for ${defaultUrl}`, httpsUrl));
const model = (defaultModel: string) => optional(setting('model', 'Model', `Leave empty for ${defaultModel}`));
const commaList = z.string().regex(/^[^,\s]+(\s*,\s*[^,\s]+)*$/, 'must be a comma-separated list');

export const DEFAULTS = {
  openai_images: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-image-1' },
  replicate: { baseUrl: 'https://api.replicate.com/v1', model: 'black-forest-labs/flux-schnell' },
  gemini_image: { baseUrl: 'https://generativelanguage.googleapis.com/v1beta', model: 'gemini-2.5-flash-image' },
  kling: { baseUrl: 'https://api-singapore.klingai.com', model: 'kling-v2-1' },
  seedance: { baseUrl: 'https://ark.ap-southeast.bytepluses.com/api/v3', model: 'seedance-1-0-pro-250528' },
  x: { baseUrl: 'https://api.x.com' },
  linkedin: { baseUrl: 'https://api.linkedin.com', apiVersion: '202510' },
  resend: { baseUrl: 'https://api.resend.com' },
  buffer: { baseUrl: 'https://api.bufferapp.com' },
} as const;

export const PROVIDER_FIELDS = {
  openai_images: [secret('apiKey', 'API key', 'sk-…'), model(DEFAULTS.openai_images.model), baseUrl(DEFAULTS.openai_images.baseUrl)],
  replicate: [
    secret('apiToken', 'API token', 'r8_…'),
    optional(setting('model', 'Model', `owner/name or owner/name:version; leave empty for ${DEFAULTS.replicate.model}`, z.string().regex(/^[\w.-]+\/[\w.-]+(:\w+)?$/, 'must be owner/name or owner/name:version'))),
    baseUrl(DEFAULTS.replicate.baseUrl),
  ],
  gemini_image: [secret('apiKey', 'API key', 'From Google AI Studio'), model(DEFAULTS.gemini_image.model), baseUrl(DEFAULTS.gemini_image.baseUrl)],
  kling: [
    secret('accessKey', 'Access key'),
    secret('secretKey', 'Secret key'),
    model(DEFAULTS.kling.model),
    baseUrl(DEFAULTS.kling.baseUrl),
  ],
  seedance: [
    secret('apiKey', 'API key', 'BytePlus ModelArk or Volcengine Ark key'),
    model(DEFAULTS.seedance.model),
    baseUrl(`${DEFAULTS.seedance.baseUrl} (Volcengine: https://ark.cn-beijing.volces.com/api/v3)`),
  ],
  remotion: [setting('compositionId', 'Composition id', 'The composition of the project the operator installed on this host')],
  x: [secret('accessToken', 'OAuth 2.0 user access token', 'Scopes tweet.write, users.read, media.write'), baseUrl(DEFAULTS.x.baseUrl)],
  linkedin: [
    secret('accessToken', 'Access token', 'Scope w_member_social (or w_organization_social)'),
    account(setting('author', 'Author URN', 'urn:li:person:… or urn:li:organization:…', z.string().regex(/^urn:li:(person|organization):[\w-]+$/, 'must look like urn:li:person:… or urn:li:organization:…'))),
    optional(setting('apiVersion', 'LinkedIn-Version', `YYYYMM; leave empty for ${DEFAULTS.linkedin.apiVersion}`, z.string().regex(/^\d{6}$/, 'must be YYYYMM'))),
    baseUrl(DEFAULTS.linkedin.baseUrl),
  ],
  ghost: [
    setting('adminUrl', 'Admin API URL', 'https://your-site.ghost.io', httpsUrl),
    secret('adminApiKey', 'Admin API key', 'id:secret from Settings → Integrations', z.string().regex(/^[0-9a-f]{24}:[0-9a-f]{64}$/i, 'must be the id:secret Admin API key from Settings → Integrations')),
  ],
  resend: [
    secret('apiKey', 'API key', 're_…'),
    setting('from', 'From', 'Marketing <news@example.com>', z.string().regex(/@/, 'must contain an email address')),
    optional(setting('to', 'Default recipients', 'Comma-separated addresses or an audience', commaList)),
    baseUrl(DEFAULTS.resend.baseUrl),
  ],
  buffer: [
    secret('accessToken', 'Access token'),
    setting('profileIds', 'Profile ids', 'Comma-separated Buffer profile ids', commaList),
    baseUrl(DEFAULTS.buffer.baseUrl),
  ],
} satisfies Record<string, FieldSpec[]>;

export type ProviderId = keyof typeof PROVIDER_FIELDS;
export const PROVIDER_IDS = Object.keys(PROVIDER_FIELDS) as ProviderId[];

export function isProviderId(value: string): value is ProviderId {
  return Object.hasOwn(PROVIDER_FIELDS, value);
}

export type FieldValues = Readonly<Record<string, string>>;
export type FieldCheck = { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> };

/** What is already stored for the provider, and where its secrets may go. */
export interface FieldContext {
  /** Names of the secrets already held (a secret left empty keeps it, unless host or account change). */
  storedSecrets?: readonly string[];
  /** The stored plain settings, to tell whether the host or the account changes. */
  storedSettings?: FieldValues;
  /** OHMYMKT_PROVIDER_HOSTS, parsed. */
  extraHosts?: ProviderHosts;
}

/** The origin the provider's requests (and so its secrets) go to with these settings. */
export function effectiveOrigin(provider: ProviderId, settings: FieldValues): string | undefined {
  const field = hostField(provider);
  if (field === undefined) return undefined;
  const fallback = (DEFAULTS as Record<string, { baseUrl?: string }>)[provider]?.baseUrl;
  const value = settings[field] ?? fallback;
  return value === undefined ? undefined : originOf(value);
}

function hostProblem(provider: ProviderId, spec: FieldSpec, value: string, extraHosts: ProviderHosts): string | undefined {
  if (spec.name !== hostField(provider) || isAllowedHost(provider, value, extraHosts)) return undefined;
  return `${spec.label} must be on an allowed host for this provider (${allowedHostsText(provider, extraHosts)}). Another host is added by the operator in OHMYMKT_PROVIDER_HOSTS on the server, not from Slack.`;
}

/** True when the submission moves the secrets to another host or account than the stored ones were saved for. */
function movesSecrets(provider: ProviderId, values: FieldValues, stored: FieldValues): boolean {
  if (effectiveOrigin(provider, values) !== effectiveOrigin(provider, stored)) return true;
  return (PROVIDER_FIELDS[provider] as FieldSpec[]).some((spec) => spec.account === true && (values[spec.name] ?? '') !== (stored[spec.name] ?? ''));
}

/**
 * Checks a submission field by field. Empty input means "unset"; a secret left empty keeps the one
 * already stored (the modal can never show it) — unless the host or the account changes, when every
 * secret must be entered again, so a stored secret never follows a setting someone else typed.
 */
export function checkFields(provider: ProviderId, input: FieldValues, context: FieldContext = {}): FieldCheck {
  const { storedSecrets = [], storedSettings, extraHosts = {} } = context;
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const specs = PROVIDER_FIELDS[provider] as FieldSpec[];
  for (const spec of specs.filter((field) => !field.secret)) {
    const value = (input[spec.name] ?? '').trim();
    if (value === '') {
      if (spec.required) errors[spec.name] = `${spec.label} is required`;
      continue;
    }
    const checked = spec.check?.safeParse(value);
    const problem = checked && !checked.success ? `${spec.label} ${checked.error.issues[0]?.message ?? 'is not valid'}` : hostProblem(provider, spec, value, extraHosts);
    if (problem) errors[spec.name] = problem;
    else values[spec.name] = value;
  }
  const moved = storedSettings !== undefined && storedSecrets.length > 0 && movesSecrets(provider, values, storedSettings);
  for (const spec of specs.filter((field) => field.secret)) {
    const value = (input[spec.name] ?? '').trim();
    if (value === '') {
      const kept = storedSecrets.includes(spec.name);
      if (kept && moved) errors[spec.name] = `Enter the ${spec.label} again: the host or account changed, and a stored secret is only sent where it was saved for`;
      else if (spec.required && !kept) errors[spec.name] = `${spec.label} is required`;
      continue;
    }
    const checked = spec.check?.safeParse(value);
    if (checked && !checked.success) errors[spec.name] = `${spec.label} ${checked.error.issues[0]?.message ?? 'is not valid'}`;
    else values[spec.name] = value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
