// Where a provider's secret may go: its official API host, or an origin the operator listed in
// OHMYMKT_PROVIDER_HOSTS (a proxy, a self-hosted Ghost). Never a host typed into Slack: a channel
// member who could choose the host could have the stored key sent to a server of their own.
import { fail, ok, type Result } from '../domain/result.ts';

interface Official {
  origins: readonly string[];
  /** Hosted plans on a subdomain per customer (Ghost(Pro): https://<site>.ghost.io). */
  httpsSuffixes?: readonly string[];
}

export const OFFICIAL_HOSTS: Readonly<Record<string, Official>> = {
  openai_images: { origins: ['https://api.openai.com'] },
  replicate: { origins: ['https://api.replicate.com'] },
  gemini_image: { origins: ['https://generativelanguage.googleapis.com'] },
  kling: { origins: ['https://api-singapore.klingai.com', 'https://api.klingai.com'] },
  seedance: { origins: ['https://ark.ap-southeast.bytepluses.com', 'https://ark.cn-beijing.volces.com'] },
  remotion: { origins: [] },
  x: { origins: ['https://api.x.com', 'https://api.twitter.com'] },
  linkedin: { origins: ['https://api.linkedin.com'] },
  ghost: { origins: [], httpsSuffixes: ['.ghost.io'] },
  resend: { origins: ['https://api.resend.com'] },
  buffer: { origins: ['https://api.bufferapp.com'] },
};

/** The field holding a provider's host: Ghost names its admin URL, the others an API base URL. */
export function hostField(providerId: string): string | undefined {
  if (providerId === 'remotion') return undefined;
  return providerId === 'ghost' ? 'adminUrl' : 'baseUrl';
}

/** `https://host[:port]` from a URL or a bare `host[:port]` (https implied); undefined when it is neither. */
export function originOf(value: string): string | undefined {
  const text = value.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export type ProviderHosts = Readonly<Record<string, readonly string[]>>;

/**
 * OHMYMKT_PROVIDER_HOSTS: comma-separated `provider=host` entries, a provider may appear more than once:
 * `ghost=blog.example.com,openai_images=https://llm-proxy.corp.example:8443`. A bare host means https.
 */
export function parseProviderHosts(text: string): Result<Record<string, string[]>> {
  const hosts: Record<string, string[]> = {};
  const problems: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [provider = '', host = '', ...extra] = entry.split('=').map((part) => part.trim());
    const origin = originOf(host);
    if (!Object.hasOwn(OFFICIAL_HOSTS, provider) || provider === 'remotion') problems.push(`"${entry}": "${provider}" is not a provider that sends requests (${Object.keys(OFFICIAL_HOSTS).filter((id) => id !== 'remotion').join(', ')})`);
    else if (extra.length > 0 || origin === undefined) problems.push(`"${entry}" is not provider=host (e.g. ghost=blog.example.com)`);
    else hosts[provider] = [...(hosts[provider] ?? []), origin];
  }
  return problems.length > 0 ? fail('invalid', `must be comma-separated provider=host entries: ${problems.join('; ')}`) : ok(hosts);
}

/** Whether a secret of `providerId` may be sent to `url`'s origin. */
export function isAllowedHost(providerId: string, url: string, extra: ProviderHosts): boolean {
  const origin = originOf(url);
  if (origin === undefined) return false;
  const official = OFFICIAL_HOSTS[providerId];
  if (official === undefined) return false;
  if (official.origins.includes(origin) || (extra[providerId] ?? []).includes(origin)) return true;
  const { protocol, hostname, port } = new URL(origin);
  return protocol === 'https:' && port === '' && (official.httpsSuffixes ?? []).some((suffix) => hostname.endsWith(suffix) && hostname.length > suffix.length);
}

/** The hosts a person may use, for the refusal that says how to get another one. */
export function allowedHostsText(providerId: string, extra: ProviderHosts): string {
  const official = OFFICIAL_HOSTS[providerId];
  const listed = [...(official?.origins ?? []), ...(official?.httpsSuffixes ?? []).map((suffix) => `https://*${suffix}`), ...(extra[providerId] ?? [])];
  return listed.length > 0 ? listed.join(', ') : 'none yet';
}
