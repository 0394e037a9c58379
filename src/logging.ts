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

// Each pattern with what replaces it: a credential becomes ***, keeping only what says where it was.
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/xox[abposr]-[A-Za-z0-9-]+/g, '***'],
  [/xapp-[A-Za-z0-9-]+/g, '***'],
  [/sk-ant-[A-Za-z0-9_-]+/g, '***'],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, '***'],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi, '$1***'],
  [/(mongodb(?:\+srv)?:\/\/)[^@/\s]+@/g, '$1***@'],
];

export function maskSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** How deep a cause chain (or an AggregateError's errors) is followed before it is cut. */
const MAX_DEPTH = 5;

export interface SerialisedError {
  name: string;
  message: string;
  code?: string | number;
  status?: number;
  stack?: string;
  cause?: unknown;
  errors?: unknown[];
}

/**
 * An error as a log line needs it: name, message, code (Node's `ECONNREFUSED`, the driver's or
 * Slack's), HTTP status, the cause chain and an AggregateError's errors, each serialised the same
 * way; the stack only when `withStack` (the logger runs at `debug`). Text is masked by the logger.
 */
export function serialiseError(error: Error, withStack: boolean, depth = 0, seen = new Set<unknown>()): SerialisedError {
  seen.add(error);
  const extra = error as Error & { code?: unknown; status?: unknown; errors?: unknown };
  const out: SerialisedError = { name: error.name, message: error.message };
  if (typeof extra.code === 'string' || typeof extra.code === 'number') out.code = extra.code;
  if (typeof extra.status === 'number') out.status = extra.status;
  if (withStack && error.stack) out.stack = error.stack;
  const nested = (value: unknown): unknown => {
    if (seen.has(value)) return '[circular]';
    if (depth + 1 >= MAX_DEPTH) return '[cause chain cut]';
    return value instanceof Error ? serialiseError(value, withStack, depth + 1, seen) : value;
  };
  if (error.cause !== undefined) out.cause = nested(error.cause);
  if (Array.isArray(extra.errors) && extra.errors.length > 0) out.errors = extra.errors.slice(0, MAX_DEPTH).map(nested);
  return out;
}

function serialise(value: unknown, withStack: boolean): unknown {
  return value instanceof Error ? serialiseError(value, withStack) : value;
}

export function createLogger(level: Level, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const emit = (at: Level) => (event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    const entries = Object.entries(fields).map(([k, v]) => [k, serialise(v, level === 'debug')]);
    const line = JSON.stringify({ t: new Date().toISOString(), level: at, event, ...Object.fromEntries(entries) });
    write(maskSecrets(line));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Bolt speaks its own logger interface; route it into ours so its lines are structured and masked too. */
export function boltLogger(logger: Logger, level: Level): BoltLogger {
  let current = level;
  const join = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : JSON.stringify(serialise(m, level === 'debug')))).join(' ');
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
