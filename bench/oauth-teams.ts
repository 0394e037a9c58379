// Two workspaces installed through the real OAuth flow, then a mixed load from both at once (mentions that
// start runs, `/ohmymkt ulw`, incidents, status) and a weekly report pass: every Web API call the fake Slack
// saw is checked against the workspace that owns its channel. The figure is the calls made with the other
// workspace's token (target 0); calls with no token or refused by Slack are reported beside it.
import { TRACKS } from '../src/domain/metrics.ts';
import type { ProgramRef } from '../src/domain/program.ts';
import { freshTs, startHarness } from '../test/support/app-harness.ts';
import type { FakeSlack, SlackCall } from '../test/support/fake-slack.ts';
import { CLIENT_ID, CLIENT_SECRET, installThroughOAuth, OAUTH_ENV, untilRunsSettle } from '../test/support/oauth-install.ts';
import { appMention, eventCallback, slashCommand } from '../test/support/slack-requests.ts';

export interface TeamTokenFigures {
  teams: number;
  requests: number;
  /** Web API calls naming a channel of one of the workspaces. */
  calls: number;
  wrongToken: number;
  noToken: number;
  /** Calls Slack refused (channel_not_found for a foreign token, token_revoked, …). */
  refused: number;
  reportsPosted: number;
  seconds: number;
}

const TEAMS = [
  { teamId: 'T0BENCHAAA', teamName: 'Bench A', userId: 'U0BENCHADA' },
  { teamId: 'T0BENCHBBB', teamName: 'Bench B', userId: 'U0BENCHADB' },
];
const CHANNELS_PER_TEAM = 3;
const CONCURRENCY = 8;
const USER = 'U0PERSON01';
/** Methods that are not Web API calls with a bot token. */
const TOKENLESS = new Set(['response_url', 'file_upload', 'oauth.v2.access']);

const channelOf = (call: SlackCall): string | undefined => call.args['channel'] ?? call.args['channel_id'];

export async function teamTokens(slack: FakeSlack, requestsPerTeam: number): Promise<TeamTokenFigures> {
  slack.oauth.registerApp(CLIENT_ID, CLIENT_SECRET);
  const programs: ProgramRef[] = TEAMS.flatMap((team, t) =>
    Array.from({ length: CHANNELS_PER_TEAM }, (_, c) => ({ teamId: team.teamId, channelId: `C0BENCH${t}${c}X` })),
  );
  for (const program of programs) slack.oauth.bindChannel(program.channelId, program.teamId);
  const h = await startHarness({ slack, env: { ...OAUTH_ENV, OHMYMKT_LOG_LEVEL: 'error' } });
  const began = performance.now();
  try {
    const origin = `http://127.0.0.1:${h.app.port}`;
    const tokenTeam = new Map<string, string>();
    for (const team of TEAMS) {
      const outcome = await installThroughOAuth(origin, slack, team);
      if (outcome.status !== 200 || !outcome.issued) throw new Error(`install of ${team.teamId} failed (${outcome.status}): ${outcome.body}`);
      tokenTeam.set(outcome.issued.token, team.teamId);
    }
    const from = slack.calls.length;

    // Interleaved: request i of workspace A, then request i of workspace B, several in flight at once.
    const kinds = ['mention', 'ulw', 'incident', 'status'] as const;
    const requests = Array.from({ length: requestsPerTeam }, (_, i) =>
      TEAMS.map((team, t) => {
        const program = programs[t * CHANNELS_PER_TEAM + (i % CHANNELS_PER_TEAM)] as ProgramRef;
        const kind = kinds[i % kinds.length] as (typeof kinds)[number];
        return () => {
          if (kind === 'mention') {
            const event = appMention({ channel: program.channelId, user: USER, text: `<@U0BOT> plan campaign ${i}`, ts: freshTs(), teamId: team.teamId });
            return h.post(eventCallback({ event, teamId: team.teamId }));
          }
          const text = kind === 'ulw' ? `ulw draft post ${i}` : kind === 'incident' ? `incident open low Bench incident ${i}` : 'status';
          return h.post(slashCommand({ text, userId: USER, channelId: program.channelId, teamId: team.teamId, responseUrl: slack.newResponseUrl({ channel: program.channelId }) }));
        };
      }),
    ).flat();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) await (requests[next++] as () => Promise<unknown>)();
      }),
    );
    await untilRunsSettle(h, 60_000);

    // Jobs outside any request: a weekly report for every program of both workspaces.
    const started = new Date(Date.now() - 3 * 86_400_000);
    const execution = { planId: 'PLAN-1', planVersion: 1, activeTracks: [...TRACKS], startedBy: { userId: USER, surface: 'action' as const }, startedAt: started };
    for (const program of programs) {
      const { version, state } = await h.app.services.repos.programs.load(program);
      await h.app.services.repos.programs.save(program, version, { ...state, execution }, started);
    }
    const pass = await h.app.scheduler.tick('weekly');

    const owner = new Map(programs.map((p) => [p.channelId, p.teamId]));
    const calls = slack.calls.slice(from).filter((call) => !TOKENLESS.has(call.method) && owner.has(channelOf(call) ?? ''));
    return {
      teams: TEAMS.length,
      requests: requests.length,
      calls: calls.length,
      wrongToken: calls.filter((call) => call.token !== undefined && tokenTeam.get(call.token) !== owner.get(channelOf(call) ?? '')).length,
      noToken: calls.filter((call) => call.token === undefined).length,
      refused: calls.filter((call) => call.response['ok'] !== true).length,
      reportsPosted: pass.posted,
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    await h.stop();
  }
}

// `tsx bench/oauth-teams.ts` measures this row alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startFakeSlack } = await import('../test/support/fake-slack.ts');
  const slack = await startFakeSlack();
  try {
    console.log(JSON.stringify(await teamTokens(slack, 200), null, 2));
  } finally {
    await slack.close();
  }
}
