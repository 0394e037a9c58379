// The tool risk catalog, row by row: every tool has one entry; only publishing and starting a campaign
// wait out a high incident; which of their calls need an approved plan.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AGENT_TOOL_NAMES } from '../../src/domain/agents.ts';
import { riskyActionOf, TOOL_RISK } from '../../src/domain/tool-risk.ts';

const sorted = (items: readonly string[]) => [...items].sort();

describe('the tool risk catalog', () => {
  test('has one entry for every tool the agents can call, special tools included', () => {
    assert.deepEqual(sorted(Object.keys(TOOL_RISK)), sorted(AGENT_TOOL_NAMES));
  });

  test('publish and start_campaign are risky; research, drafting and analysis are guarded', () => {
    const risky = Object.entries(TOOL_RISK).filter(([, risk]) => risk.level === 'risky').map(([tool]) => tool);
    assert.deepEqual(sorted(risky), ['ohmymkt_publish', 'ohmymkt_start_campaign']);
  });

  test('start_campaign always needs an approved plan; publish only for a paid placement', () => {
    const rows: Array<[Parameters<typeof riskyActionOf>[0], boolean, string | undefined]> = [
      ['ohmymkt_start_campaign', false, 'start_campaign'],
      ['ohmymkt_publish', false, 'publish'],
      ['ohmymkt_publish', true, 'publish_paid'],
      ['ohmymkt_generate_video', true, undefined],
    ];
    for (const [tool, paidPlacement, action] of rows) assert.equal(riskyActionOf(tool, { paidPlacement }), action, `${tool} paid=${paidPlacement}`);
  });

  test('is the only place that names which tools are risky', () => {
    const src = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const declaring = files(src)
      .filter((file) => /risky\s*:\s*true|highCost\s*:|RISKY_ACTION\s*[:=]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    assert.deepEqual(declaring, []);
  });
});
