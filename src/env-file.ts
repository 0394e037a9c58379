// `.env` for `npm start` and `npm run local`: the file fills what the environment leaves unset (a
// variable set in the environment wins). Node's own `--env-file` refuses to start when the file is
// missing, and most deployments have none, so the entry points read it here when it is there.
import { existsSync } from 'node:fs';
import { ConfigError } from './config.ts';

/**
 * Reads the env file into process.env: `OHMYMKT_ENV_FILE` names it (empty: read none, as the tests'
 * child processes do), else `.env` in the working directory when present. Returns the path read.
 */
export function loadEnvFile(named: string | undefined): string | undefined {
  const path = named ?? '.env';
  if (path === '') return undefined;
  if (!existsSync(path)) {
    if (named === undefined) return undefined;
    throw new ConfigError([`OHMYMKT_ENV_FILE names ${path}, which does not exist; fix the path, or unset it to read ./.env when present`]);
  }
  process.loadEnvFile(path);
  return path;
}
