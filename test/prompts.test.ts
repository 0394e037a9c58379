import { CHECKLIST } from '../src/domain/checklist.ts';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPrompts, PROMPT_NAMES, PromptLoadError, TEAM_PROMPT, type PromptName, type PromptSet } from '../src/agents/prompts.ts';
import { AGENT_NAMES, AGENTS, mayUseTool } from '../src/domain/agents.ts';

const PROMPTS_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));
const TOOL_TOKEN = /\bohmymkt_\w+|\bdelegate\b|\bask_in_thread\b|\bsubmit_review\b/g;
const DATE = /\b20\d\d-\d\d-\d\d\b/;
const CHECKLIST_KEYS = ['objective', 'channels_boundaries', 'timeline_budget', 'acceptance_criteria', 'rollback_route', 'owners'];

function lineCount(text: string): number {
  return text.trimEnd().split('\n').length;
}

describe('the shipped prompts', () => {
  let prompts: PromptSet;
  before(async () => {
    prompts = await loadPrompts(PROMPTS_DIR);
  });

  for (const name of PROMPT_NAMES) {
    test(`${name} loads with its version marker and a hash of its text`, () => {
      const prompt = prompts[name];
      assert.equal(prompt.name, name);
      assert.ok(prompt.text.trim().length > 0);
      const marker = new RegExp(`^<!-- prompt: ${name} (v\\d+) -->\n`).exec(prompt.text);
      assert.ok(marker, 'the first line is the version marker');
      assert.equal(prompt.version, marker[1]);
      assert.equal(prompt.sha256, createHash('sha256').update(prompt.text).digest('hex'));
    });
  }

  for (const agent of AGENT_NAMES) {
    test(`${agent} names only tools on its allow-list`, () => {
      const mentioned = new Set(prompts[agent].text.match(TOOL_TOKEN) ?? []);
      const foreign = [...mentioned].filter((tool) => !mayUseTool(agent, tool));
      assert.deepEqual(foreign, []);
    });

    // The team part carries what every agent shares, so an agent's own prompt is its role only.
    test(`${agent} is 25 to 120 lines`, () => {
      const lines = lineCount(prompts[agent].text);
      assert.ok(lines >= 25 && lines <= 120, `${lines} lines`);
    });
  }

  test('each prompt names every tool on its allow-list', () => {
    for (const agent of AGENT_NAMES) {
      const mentioned = new Set(prompts[agent].text.match(TOOL_TOKEN) ?? []);
      const unmentioned = AGENTS[agent].tools.filter((tool) => !mentioned.has(tool));
      assert.deepEqual(unmentioned, [], agent);
    }
  });

  test('plan-reviewer hands its verdict over with submit_review, naming each checklist item by its key', () => {
    const text = prompts['plan-reviewer'].text;
    assert.match(text, /Call `submit_review` once/);
    for (const key of CHECKLIST.map((item) => item.key)) assert.match(text, new RegExp(`\`${key}\``), key);
    assert.doesNotMatch(text, /VERDICT:/, 'no verdict is read from prose any more');
  });

  test('carry no dates, so the cached prefix stays stable', () => {
    for (const name of PROMPT_NAMES) assert.doesNotMatch(prompts[name].text, DATE, name);
  });

  describe('the team part every agent reads first', () => {
    // Every agent is sent the same team text, while the tools offered are the whole team's: a tool named
    // here would read as everyone's, so the team part names none and each role card says whose is whose.
    test('names no tool at all', () => {
      assert.deepEqual(prompts[TEAM_PROMPT].text.match(TOOL_TOKEN) ?? [], []);
    });

    test('is 60 to 110 lines, since it is sent with every model call', () => {
      const lines = lineCount(prompts[TEAM_PROMPT].text);
      assert.ok(lines >= 60 && lines <= 110, `${lines} lines`);
    });

    test('names every agent and the six checklist keys', () => {
      const text = prompts[TEAM_PROMPT].text;
      for (const agent of AGENT_NAMES) assert.match(text, new RegExp(`\\*${agent}\\*`), agent);
      for (const key of CHECKLIST_KEYS) assert.match(text, new RegExp(`\`${key}\``), key);
    });
  });
});

describe('loadPrompts on a broken directory', () => {
  const dirs: string[] = [];
  // A copy of the real prompts, team.md included, with some files replaced (a string) or left out (null).
  async function brokenCopy(changes: Partial<Record<PromptName, string | null>>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ohmymkt-prompts-'));
    dirs.push(dir);
    for (const name of PROMPT_NAMES) {
      const change = changes[name];
      if (change === null) continue;
      const text = change ?? (await readFile(join(PROMPTS_DIR, `${name}.md`), 'utf8'));
      await writeFile(join(dir, `${name}.md`), text);
    }
    return dir;
  }
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test('loads an unbroken copy', async () => {
    const loaded = await loadPrompts(await brokenCopy({}));
    assert.deepEqual(Object.keys(loaded).sort(), [...PROMPT_NAMES].sort());
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

  test('refuses a missing team.md, naming it', async () => {
    const dir = await brokenCopy({ team: null });
    await assert.rejects(loadPrompts(dir), (error: unknown) => {
      assert.ok(error instanceof PromptLoadError);
      assert.equal(error.problems.length, 1);
      assert.match(error.message, /team\.md is missing/);
      return true;
    });
  });

  test('refuses a missing marker and a marker naming another prompt', async () => {
    const dir = await brokenCopy({
      'plan-reviewer': '<!-- prompt: growth-manager v1 -->\nhello\n',
      'seo-engineer': 'no marker here\n',
      team: '<!-- prompt: growth-manager v1 -->\nshared\n',
    });
    await assert.rejects(loadPrompts(dir), (error: unknown) => {
      assert.ok(error instanceof PromptLoadError);
      assert.equal(error.problems.length, 3);
      assert.match(error.message, /plan-reviewer\.md is marked as the prompt of "growth-manager"/);
      assert.match(error.message, /seo-engineer\.md does not start with its version marker/);
      assert.match(error.message, /team\.md is marked as the prompt of "growth-manager"/);
      return true;
    });
  });
});
