// Three replicas of the app (child processes, as deployed) on one MongoDB (jongodb), one fake Slack and
// one fake Claude. 30 ulw runs start at once, each mention delivered to one replica and Slack's retry of
// it to the next; every run opens an incident (a state-changing tool call) and closes. Once runs are in
// flight one replica is killed with SIGKILL. Counted from the fake Slack's calls and the store: runs done
// once, posts made twice, incidents made twice, runs the dead replica held that the survivors finished,
// and the time from the kill until every run is done (its leases, OHMYMKT_LEASE_SECONDS, must run out first).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProgramRef } from '../src/domain/program.ts';
import { openMongoStore } from '../src/store/mongo/store.ts';
import { openRepositories } from '../src/store/repos/index.ts';
import { freshTs, PERSON, SIGNING_SECRET } from '../test/support/app-harness.ts';
import { childEnv, spawnApp, type ChildApp } from '../test/support/child-app.ts';
import { callTool, say, scriptAgents, toolResults } from '../test/support/claude-scripts.ts';
import { startFakeClaude } from '../test/support/fake-claude.ts';
import type { FakeSlack, SlackCall } from '../test/support/fake-slack.ts';
import { findJongodb, startJongodb } from '../test/support/jongodb.ts';
import { appMention, eventCallback, postToSlackApp } from '../test/support/slack-requests.ts';

export interface ReplicaFigures {
  replicas: number;
  runs: number;
  leaseSeconds: number;
  /** Runs in state done at the end, and runs with any other state (or none). */
  done: number;
  notDone: number;
  /** chat.postMessage calls whose channel, thread, speaker and text (digits aside) repeat an earlier one. */
  duplicatePosts: number;
  /** Incidents beyond one per run's channel (each run's tool call opens exactly one). */
  duplicateIncidents: number;
  /** Closing reports beyond one per thread. */
  duplicateReports: number;
  /** Runs whose lease the killed replica held at the kill, and of those, the ones a survivor finished. */
  heldByKilled: number;
  movedToSurvivors: number;
  /** Runs each replica finished (the last holder of each run's lease), killed replica first. */
  finishedBy: number[];
  /** From the kill until every run is done. */
  drainSeconds: number;
  /** From the first mention until every run is done. */
  totalSeconds: number;
}

const TEAM = 'T0OHMYMKT';
const REPLICAS = 3;
const LEASE_SECONDS = 3;
/** Each model answer takes this long, so runs are mid-step (holding leases) when the replica dies. */
const MODEL_DELAY_MS = 300;
const DRAIN_TIMEOUT_MS = 120_000;

const channelOf = (i: number) => `C0REPL${String(i).padStart(3, '0')}X`;

/**
 * What a person sees of a post, counts and timestamps aside: a progress message posted a second time by the
 * replica that took the run over ("1/3 steps" beside a stale "0/3") is a duplicate as much as a repeated one.
 */
const postKey = (call: SlackCall) =>
  JSON.stringify([call.args['channel'], call.args['thread_ts'] ?? null, call.args['username'] ?? null, String(call.args['text'] ?? '').replace(/\d+/g, '#')]);

export async function replicaTakeover(slack: FakeSlack, runs: number): Promise<ReplicaFigures> {
  const jongodb = findJongodb();
  if (!('binary' in jongodb)) throw new Error(`replica row needs a MongoDB: ${jongodb.missing}`);
  const server = await startJongodb(jongodb.binary);
  const claude = await startFakeClaude();
  const dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-replicas-'));
  const children: ChildApp[] = [];
  let killedAt = 0;
  let killed: ChildApp | undefined;
  let closings = 0;
  try {
    const env = childEnv(slack.apiUrl, dataDir, 0, {
      MONGODB_URI: server.uri,
      ANTHROPIC_API_KEY: 'sk-ant-test-key',
      ANTHROPIC_BASE_URL: claude.baseUrl,
      OHMYMKT_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    scriptAgents(claude, {
      'growth-manager': () => ({ ...say('Brief: open an incident for the checkout errors and sequence the fix.'), delayMs: MODEL_DELAY_MS }),
      'execution-manager': (request) => {
        if (toolResults(request).length === 0) {
          return { ...callTool('ohmymkt_incident', { action: 'open', severity: 'low', summary: 'Checkout form errors on Safari' }), delayMs: MODEL_DELAY_MS };
        }
        // Mid-way: a third of the runs have their incident stored; the others are still being routed or asked.
        closings += 1;
        if (closings === Math.ceil(runs / 3) && killed === undefined) {
          killed = children[0];
          killedAt = performance.now();
          killed?.process.kill('SIGKILL');
        }
        return { ...say('Incident opened; the fix is sequenced.'), delayMs: MODEL_DELAY_MS };
      },
    });
    for (let r = 0; r < REPLICAS; r += 1) {
      const child = await spawnApp(env);
      if (child.process.exitCode !== null) throw new Error(`replica ${r} did not start:\n${child.output.join('\n')}`);
      children.push(child);
    }

    const programs: ProgramRef[] = Array.from({ length: runs }, (_, i) => ({ teamId: TEAM, channelId: channelOf(i) }));
    const threads = programs.map(() => freshTs());
    const began = performance.now();
    // Each request names its own store: the fake signs a thinking block over the conversation, so 30
    // identical conversations would share signatures the way no two real responses do.
    // Each mention reaches one replica, and Slack's retry of the same event (same event_id) the next one.
    await Promise.all(
      programs.map(async (program, i) => {
        const event = eventCallback({ event: appMention({ channel: program.channelId, user: PERSON, text: `<@U0OHMYBOT> ulw open an incident for the checkout errors on store ${i + 1}`, ts: threads[i] as string }) });
        const first = children[i % REPLICAS] as ChildApp;
        const retry = children[(i + 1) % REPLICAS] as ChildApp;
        await postToSlackApp(`${first.origin}/slack/events`, SIGNING_SECRET, event);
        await postToSlackApp(`${retry.origin}/slack/events`, SIGNING_SECRET, event, { retryNum: 1, retryReason: 'http_timeout' });
      }),
    );

    const store = await openMongoStore(server.uri);
    try {
      const repos = await openRepositories(store);
      const leases = await store.collection<{ _id: string; holder: string; until: Date }>('run_leases');
      const leaseKey = (i: number) => `${TEAM}:${channelOf(i)}:${threads[i]}`;
      const pid = (holder: string) => Number(holder.split(':')[1]);

      // Which runs the dead replica held when it died: read as soon as the kill happened.
      const killDeadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (killed === undefined) {
        if (Date.now() > killDeadline) throw new Error(`no run reached its closing turn (${closings} did):\n${children.map((c) => c.output.slice(-20).join('\n')).join('\n---\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const killedPid = killed.process.pid as number;
      const atKill = await Promise.all(programs.map(async (_, i) => (await leases.findOne({ _id: leaseKey(i) }))?.holder));
      const heldByKilled = new Set(atKill.flatMap((holder, i) => (holder !== undefined && pid(holder) === killedPid ? [i] : [])));

      const states = async () => Promise.all(programs.map(async (program, i) => (await repos.runs.get(program, threads[i] as string))?.state));
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      let last = await states();
      while (last.some((state) => state !== 'done' && state !== 'failed' && state !== 'cancelled') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        last = await states();
      }
      const ended = performance.now();

      const finalHolders = await Promise.all(programs.map(async (_, i) => (await leases.findOne({ _id: leaseKey(i) }))?.holder));
      const pids = children.map((c) => c.process.pid as number);
      const finishedBy = pids.map((p) => finalHolders.filter((holder) => holder !== undefined && pid(holder) === p).length);
      const incidents = await Promise.all(programs.map((program) => repos.incidents.list(program)));

      const posts = slack.callsOf('chat.postMessage').filter((call) => programs.some((p) => p.channelId === call.args['channel']));
      const seen = new Set<string>();
      let duplicatePosts = 0;
      for (const call of posts) {
        const key = postKey(call);
        if (seen.has(key)) {
          duplicatePosts += 1;
          // Which post repeated, so a failing row can be traced (OHMYMKT_BENCH_TRACE=1).
          if (process.env['OHMYMKT_BENCH_TRACE']) console.error('duplicate post', key.slice(0, 300));
        }
        seen.add(key);
      }
      const reports = posts.filter((call) => /Closing report/.test(String(call.args['text'])));
      const reportThreads = new Set(reports.map((call) => `${call.args['channel']}:${call.args['thread_ts']}`));

      return {
        replicas: REPLICAS,
        runs,
        leaseSeconds: LEASE_SECONDS,
        done: last.filter((state) => state === 'done').length,
        notDone: last.filter((state) => state !== 'done').length,
        duplicatePosts,
        duplicateIncidents: incidents.reduce((sum, list) => sum + Math.max(0, list.length - 1), 0),
        duplicateReports: reports.length - reportThreads.size,
        heldByKilled: heldByKilled.size,
        movedToSurvivors: [...heldByKilled].filter((i) => {
          const holder = finalHolders[i];
          return holder !== undefined && pid(holder) !== killedPid && last[i] === 'done';
        }).length,
        finishedBy,
        drainSeconds: (ended - killedAt) / 1000,
        totalSeconds: (ended - began) / 1000,
      };
    } finally {
      await store.close();
    }
  } finally {
    await Promise.all(children.map((child) => child.kill('SIGKILL')));
    await claude.close();
    server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// `tsx bench/replicas.ts` measures this row alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startFakeSlack } = await import('../test/support/fake-slack.ts');
  const slack = await startFakeSlack();
  try {
    console.log(JSON.stringify(await replicaTakeover(slack, 30), null, 2));
  } finally {
    await slack.close();
  }
}
