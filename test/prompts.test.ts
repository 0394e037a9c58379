import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPrompts, PromptLoadError, type LoadedPrompt } from '../src/agents/prompts.ts';
import { AGENT_NAMES, AGENTS, mayUseTool, type AgentName } from '../src/domain/agents.ts';

const PROMPTS_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));
const TOOL_TOKEN = /\bohmymkt_\w+|\bdelegate\b|\bask_in_thread\b/g;

describe('the shipped prompts', () => {
  let prompts: Record<AgentName, LoadedPrompt>;
  before(async () => {
    prompts = await loadPrompts(PROMPTS_DIR);
  });

  for (const agent of AGENT_NAMES) {
    test(`${agent} loads with its version marker and a hash of its text`, () => {
      const prompt = prompts[agent];
      assert.equal(prompt.agent, agent);
      assert.ok(prompt.text.trim().length > 0);
      const marker = new RegExp(`^<!-- prompt: ${agent} (v\\d+) -->\n`).exec(prompt.text);
      assert.ok(marker, 'the first line is the version marker');
      assert.equal(prompt.version, marker[1]);
      assert.equal(prompt.sha256, createHash('sha256').update(prompt.text).digest('hex'));
    });

    test(`${agent} names only tools on its allow-list`, () => {
      const mentioned = new Set(prompts[agent].text.match(TOOL_TOKEN) ?? []);
      const foreign = [...mentioned].filter((tool) => !mayUseTool(agent, tool));
      assert.deepEqual(foreign, []);
    });

    test(`${agent} is 40 to 120 lines`, () => {
      const lines = prompts[agent].text.trimEnd().split('\n').length;
      assert.ok(lines >= 40 && lines <= 120, `${lines} lines`);
    });
  }

  test('each prompt names every tool on its allow-list', () => {
    for (const agent of AGENT_NAMES) {
      const mentioned = new Set(prompts[agent].text.match(TOOL_TOKEN) ?? []);
      const unmentioned = AGENTS[agent].tools.filter((tool) => !mentioned.has(tool));
      assert.deepEqual(unmentioned, [], agent);
    }
  });

  test('plan-reviewer ends with the verdict block over the six checklist items', () => {
    const text = prompts['plan-reviewer'].text;
    assert.match(text, /^VERDICT: <approve\|reject>$/m);
    for (const item of ['objective', 'channels_boundaries', 'timeline_budget', 'acceptance_criteria', 'rollback_route', 'owners']) {
      assert.match(text, new RegExp(`^\\d\\. ${item}: <PASS\\|FAIL> — <reason>$`, 'm'), item);
    }
  });

  test('carry no dates, so the cached prefix stays stable', () => {
    for (const agent of AGENT_NAMES) assert.doesNotMatch(prompts[agent].text, /\b20\d\d-\d\d-\d\d\b/, agent);
  });
});

describe('loadPrompts on a broken directory', () => {
  const dirs: string[] = [];
  // A copy of the real prompts with some files replaced (a string) or left out (null).
  async function brokenCopy(changes: Partial<Record<AgentName, string | null>>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ohmymkt-prompts-'));
    dirs.push(dir);
    for (const agent of AGENT_NAMES) {
      const change = changes[agent];
      if (change === null) continue;
      const text = change ?? (await readFile(join(PROMPTS_DIR, `${agent}.md`), 'utf8'));
      await writeFile(join(dir, `${agent}.md`), text);
    }
    return dir;
  }
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test('fails once, naming both the missing and the empty file', async () => {
    const dir = await brokenCopy({ 'plan-reviewer': null, 'seo-engineer': '  \n' });
    await assert.rejects(loadPrompts(dir), (error: unknown) => {
      assert.ok(error instanceof PromptLoadError);
      assert.equal(error.problems.length, 2);
      assert.match(error.message, /plan-reviewer\.md is missing/);
      assert.match(error.message, /seo-engineer\.md is empty/);
      return true;
    });
  });

  test('refuses a missing marker and a marker naming another agent', async () => {
    const dir = await brokenCopy({
      'plan-reviewer': '<!-- prompt: growth-manager v1 -->\nhello\n',
      'seo-engineer': 'no marker here\n',
    });
    await assert.rejects(loadPrompts(dir), (error: unknown) => {
      assert.ok(error instanceof PromptLoadError);
      assert.equal(error.problems.length, 2);
      assert.match(error.message, /plan-reviewer\.md is marked as the prompt of "growth-manager"/);
      assert.match(error.message, /seo-engineer\.md does not start with its version marker/);
      return true;
    });
  });
});
