// `npm start` and `npm run local` read `.env` when there is one: it fills what the environment leaves
// unset, a missing `.env` is no problem, and a missing file named by OHMYMKT_ENV_FILE is a config error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '../src/config.ts';
import { loadEnvFile } from '../src/env-file.ts';

describe('the env file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-env-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('fills unset variables and leaves the ones the environment sets', async () => {
    const file = join(dir, 'fill.env');
    await writeFile(file, '# comment\nOHMYMKT_T_UNSET=from-file\nOHMYMKT_T_SET=from-file\nOHMYMKT_T_QUOTED="two words"\n');
    process.env['OHMYMKT_T_SET'] = 'from-environment';
    assert.equal(loadEnvFile(file), file);
    assert.deepEqual(
      [process.env['OHMYMKT_T_UNSET'], process.env['OHMYMKT_T_SET'], process.env['OHMYMKT_T_QUOTED']],
      ['from-file', 'from-environment', 'two words'],
    );
  });

  test('no ./.env is fine; an empty OHMYMKT_ENV_FILE reads none; a named file that is missing is a config error', () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      assert.equal(loadEnvFile(undefined), undefined);
    } finally {
      process.chdir(cwd);
    }
    assert.equal(loadEnvFile(''), undefined);
    assert.throws(() => loadEnvFile(join(dir, 'nope.env')), (error: unknown) => error instanceof ConfigError && /OHMYMKT_ENV_FILE names .*nope\.env, which does not exist/.test(error.message));
  });

  test('npm start reads it before checking the configuration', async () => {
    const file = join(dir, 'start.env');
    await writeFile(file, 'SLACK_BOT_TOKEN=xoxb-from-the-env-file\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('..', import.meta.url),
      env: { PATH: process.env['PATH'] ?? '', OHMYMKT_ENV_FILE: file },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 2, run.stderr);
    // The token came from the file, so only the signing secret is missing.
    assert.match(run.stderr, /SLACK_SIGNING_SECRET is required in HTTP mode/);
    assert.doesNotMatch(run.stderr, /SLACK_BOT_TOKEN/);
  });
});
