// Structured logs: one JSON line per event with its context fields. Anything that looks like a
// credential is masked before it is written, as a last line of defence behind "never log secrets".
import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const SECRET_PATTERNS = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /sk-ant-[A-Za-z0-9_-]+/g,
  /(mongodb(?:\+srv)?:\/\/)[^@/\s]+@/g,
];

export function maskSecrets(text: string): string {
  return SECRET_PATTERNS.reduce(
    (acc, pattern) => acc.replace(pattern, (_match, prefix: unknown) => (typeof prefix === 'string' ? `${prefix}***@` : '***')),
    text,
  );
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: maskSecrets(value.message) };
  return value;
}

export function createLogger(level: Level, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const emit = (at: Level) => (event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    const entries = Object.entries(fields).map(([k, v]) => [k, serialise(v)]);
    const line = JSON.stringify({ t: new Date().toISOString(), level: at, event, ...Object.fromEntries(entries) });
    write(maskSecrets(line));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Bolt speaks its own logger interface; route it into ours so its lines are structured and masked too. */
export function boltLogger(logger: Logger, level: Level): BoltLogger {
  let current = level;
  const join = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : JSON.stringify(serialise(m)))).join(' ');
  return {
    debug: (...msgs) => logger.debug('bolt', { message: join(msgs) }),
    info: (...msgs) => logger.info('bolt', { message: join(msgs) }),
    warn: (...msgs) => logger.warn('bolt', { message: join(msgs) }),
    error: (...msgs) => logger.error('bolt', { message: join(msgs) }),
    setLevel: (l: LogLevel) => {
      current = l as Level;
    },
    getLevel: () => current as LogLevel,
    setName: () => undefined,
  };
}
