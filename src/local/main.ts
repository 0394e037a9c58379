// `npm run local`: one Slack channel in a terminal, on the real app (same listeners, store and agents).
// Slack is played by a loopback Web API that draws what the app posts, and by a receiver fed from stdin.
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { loadEnvFile } from '../env-file.ts';
import { createLogger } from '../logging.ts';
import { startOhmymkt } from '../start.ts';
import { LocalChannel } from './channel.ts';
import { ModalPrompts } from './modal.ts';
import { LOCAL } from './payloads.ts';
import { LocalReceiver } from './receiver.ts';
import { terminalStyle, type Style } from './render.ts';
import { Screen } from './screen.ts';
import { Terminal } from './terminal.ts';
import { Transcript } from './transcript.ts';
import { startLocalWebApi } from './web-api.ts';

const PROMPTS_DIR = fileURLToPath(new URL('../../prompts', import.meta.url));

/**
 * The environment with Slack replaced by the local one: SLACK_API_URL sends every WebClient call to
 * the local Web API, which accepts the placeholder bot token. No request is signed — the receiver hands
 * payloads to Bolt directly — so the signing secret only satisfies the config's HTTP-mode check, and a
 * Socket Mode token is dropped rather than left to suggest a connection to Slack.
 */
function localConfig(apiUrl: string, dataDir: string): Config {
  return loadConfig({
    ...process.env,
    SLACK_BOT_TOKEN: 'xoxb-local',
    // The terminal is one workspace: OAuth values in .env (for npm start) would contradict the token above.
    SLACK_CLIENT_ID: undefined,
    SLACK_CLIENT_SECRET: undefined,
    SLACK_STATE_SECRET: undefined,
    SLACK_SIGNING_SECRET: 'local-no-signature',
    SLACK_APP_TOKEN: undefined,
    SLACK_API_URL: apiUrl,
    OHMYMKT_DATA_DIR: dataDir,
    OHMYMKT_SECRET_KEY: process.env['OHMYMKT_SECRET_KEY'] || localSecretKey(dataDir),
  });
}

/**
 * Provider settings need a key to encrypt secrets with; a trial should not stop at that, so a local
 * session without OHMYMKT_SECRET_KEY makes one and keeps it beside its data. That protects nothing at
 * rest — which is why only the local session does it.
 */
function localSecretKey(dataDir: string): string {
  const file = join(dataDir, 'local-secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function banner(config: Config, dataDir: string, logFile: string, style: Style): string[] {
  const store = config.store.mongodbUri ? 'MongoDB (MONGODB_URI)' : `embedded, in ${dataDir}`;
  const claude = config.anthropic.apiKey
    ? `on (${config.anthropic.model}; specialists ${config.anthropic.fastModel})`
    : 'off: agent turns say how to enable it (set ANTHROPIC_API_KEY); everything else works';
  return [
    style.bold(`ohmymkt local · #${LOCAL.channelName} · you are ${LOCAL.userId}`),
    style.dim(`store: ${store} · Claude: ${claude}`),
    style.dim(`logs: ${logFile} · type help for what you can do, exit (or Ctrl-D) to stop.`),
  ];
}

async function main(): Promise<number> {
  try {
    loadEnvFile(process.env['OHMYMKT_ENV_FILE']);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const style = terminalStyle(process.stdout.isTTY === true && !process.env['NO_COLOR']);
  const screen = new Screen(process.stdout, style, process.stdin.isTTY === true);
  const dataDir = process.env['OHMYMKT_DATA_DIR'] || './.ohmymkt-local';
  mkdirSync(dataDir, { recursive: true });
  const channel = await LocalChannel.open(join(dataDir, 'local-channel.json'));
  const transcript = new Transcript(channel, screen);
  const receiver = new LocalReceiver();
  const modals = new ModalPrompts(transcript, (payload) => receiver.deliver(payload));
  const webApi = await startLocalWebApi(channel, transcript, (view) => modals.show(view));
  try {
    const config = localConfig(webApi.apiUrl, dataDir);
    // The terminal is the channel; the app's JSON log lines would only garble it, so they go to a file.
    const logFile = join(dataDir, 'ohmymkt.log');
    const logger = createLogger(config.logLevel, (line) => appendFileSync(logFile, `${line}\n`));
    const running = await startOhmymkt(config, { logger, receiver, promptsDir: PROMPTS_DIR });
    screen.print(banner(config, dataDir, logFile, style));
    try {
      await new Terminal({ receiver, webApi, channel, transcript, modals, jobs: running.jobs }).run(process.stdin, process.stdout);
    } finally {
      // The app finishes its handed-over work (which still talks to the local Web API) before the store closes.
      await running.stop();
      await channel.flushed();
    }
    screen.print([style.dim(`Stopped. Everything is kept in ${config.store.mongodbUri ? 'MongoDB' : dataDir}; npm run local picks it up again.`)]);
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  } finally {
    await webApi.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ohmymkt local failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
