// Process entry: the only place that reads process.env. Bad configuration exits with code 2.
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logging.ts';
import { startOhmymkt } from './start.ts';

async function main(): Promise<void> {
  let config;
  try {
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
  process.on('unhandledRejection', fatal('unhandled_rejection'));
  process.on('uncaughtException', fatal('uncaught_exception'));
  const running = await startOhmymkt(config, { logger });
  logger.info('started', { mode: config.slack.mode, port: running.port, store: running.storeKind });
  const stop = (signal: string) => {
    logger.info('stopping', { signal });
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop_failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`ohmymkt failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
