// Installs the app in a workspace the way a person's browser does: GET /slack/install (Bolt answers with a
// redirect to Slack's consent screen and sets the state cookie), Slack's consent screen (the fake's approve),
// then GET /slack/oauth_redirect with the code, the state and the cookie, where Bolt exchanges the code.
import assert from 'node:assert/strict';
import type { Harness } from './app-harness.ts';
import type { FakeSlack, InstallingTeam, IssuedToken } from './fake-slack.ts';

export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'client-secret-0123456789abcdef';
/** The environment of an app in OAuth mode (no SLACK_BOT_TOKEN); register CLIENT_ID at the fake Slack too. */
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: 'state-secret-0123456789abcdef-0123456789',
  OHMYMKT_SECRET_KEY: 'secret-key-0123456789abcdef-0123456789',
};

export interface InstallOutcome {
  /** The redirect's answer: 200 and Bolt's thank-you page when installed. */
  status: number;
  body: string;
  /** The token Slack issued for this install, when the exchange succeeded. */
  issued: IssuedToken | undefined;
}

/** `origin` is the app's, e.g. http://127.0.0.1:PORT; `tamper` changes the code the browser brings back. */
export async function installThroughOAuth(
  origin: string,
  slack: FakeSlack,
  team: InstallingTeam,
  options: { tamper?: (code: string) => string; cookie?: (cookie: string) => string } = {},
): Promise<InstallOutcome> {
  const start = await fetch(`${origin}/slack/install`, { redirect: 'manual' });
  assert.equal(start.status, 302, `/slack/install answered ${start.status}`);
  const authorizeUrl = start.headers.get('location') ?? '';
  const setCookie = start.headers.get('set-cookie') ?? '';
  const cookie = /^[^;]+/.exec(setCookie)?.[0] ?? '';
  assert.match(cookie, /^slack-app-oauth-state=/, `no state cookie in ${setCookie}`);

  const before = slack.oauth.issued().length;
  const { code, state, redirectUri } = slack.oauth.approve(authorizeUrl, team);
  const back = new URL(redirectUri ?? `${origin}/slack/oauth_redirect`);
  back.searchParams.set('code', options.tamper ? options.tamper(code) : code);
  if (state !== null) back.searchParams.set('state', state);
  const redirect = await fetch(back, { redirect: 'manual', headers: { cookie: options.cookie ? options.cookie(cookie) : cookie } });
  const issued = slack.oauth.issued().slice(before)[0];
  return { status: redirect.status, body: await redirect.text(), issued };
}

/** The authorize URL /slack/install sends the browser to (client id, scopes, state). */
export async function authorizeUrlOf(origin: string): Promise<URL> {
  const start = await fetch(`${origin}/slack/install`, { redirect: 'manual' });
  return new URL(start.headers.get('location') ?? '');
}

/** Waits until no stored run is still being worked (runs go on in the worker after the listener's job), then for the jobs. */
export async function untilRunsSettle(h: Harness, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await h.app.services.repos.runs.working()).length > 0) {
    if (Date.now() > deadline) throw new Error(`runs still working after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await h.settle();
}
