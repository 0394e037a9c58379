// Process entry: the only place that reads process.env. Bad configuration exits with code 2.
import { ConfigError, loadConfig } from './config.ts';
import { loadEnvFile } from './env-file.ts';
import { createLogger } from './logging.ts';
import { onUnhandledRejection } from './slack/receiver.ts';
import { startOhmymkt } from './start.ts';
import { startedSummary } from './started.ts';

const STOP_GRACE_SECONDS = 10;

async function main(): Promise<void> {
  let config;
  try {
    loadEnvFile(process.env['OHMYMKT_ENV_FILE']);
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // A failure no code path can catch (e.g. the Socket Mode client losing its token while reconnecting)
  // ends the process as Node would, but as one masked log line instead of a raw stack; the supervisor
  // restarts it and runs resume from the store.
  const fatal = (kind: string) => (error: unknown) => {
    logger.error('fatal', { kind, error });
    process.exit(1);
  };
  // A rejection inside a Slack request fails that request only (logged with its id); outside one it is fatal.
  process.on('unhandledRejection', onUnhandledRejection(logger, (code) => process.exit(code)));
  process.on('uncaughtException', fatal('uncaught_exception'));
  const running = await startOhmymkt(config, { logger });
  logger.info('started', { mode: config.slack.mode, port: running.port, store: running.storeKind });
  process.stdout.write(`${startedSummary(config, running.port)}\n`);
  // The first SIGTERM or SIGINT starts the drain. More often follow (a terminal's Ctrl-C reaches the
  // whole process group, npm forwards the one it got, an impatient operator presses again); they must
  // not cut the drain short, which ends by its own deadline.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.info('signal_ignored_while_draining', { signal });
      return;
    }
    stopping = true;
    logger.info('stopping', { signal, drainSeconds: config.drainSeconds });
    // Past the deadline the stop only releases leases and closes the store; should even that hang (a
    // store that stopped answering), the process still ends, and the leases then simply run out.
    setTimeout(() => {
      logger.error('stop_overran', { seconds: config.drainSeconds + STOP_GRACE_SECONDS });
      process.exit(1);
    }, (config.drainSeconds + STOP_GRACE_SECONDS) * 1000).unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop_failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A problem found only by using the configuration (Slack refusing the bot token) is still a config error.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`ohmymkt failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
