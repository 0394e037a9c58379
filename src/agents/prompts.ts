// Loads the system prompts once at start: prompts/team.md, which every agent reads first (what the whole
// team works by, so it is one cached prefix for all of them), and prompts/<agent>.md for each role. The
// hashes are stored with every agent decision, so a person can tell which exact prompt text produced it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AGENT_NAMES } from '../domain/agents.ts';

export const TEAM_PROMPT = 'team';
export const PROMPT_NAMES = [TEAM_PROMPT, ...AGENT_NAMES] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];
export type PromptSet = Readonly<Record<PromptName, LoadedPrompt>>;

export interface LoadedPrompt {
  name: PromptName;
  /** The file exactly as stored, marker line included, so `sha256` matches `sha256sum` of the file. */
  text: string;
  /** From the first line `<!-- prompt: <name> v<n> -->`, e.g. "v1". */
  version: string;
  sha256: string;
}

/** Start-up refused: every unusable prompt file at once, each with what to do about it. */
export class PromptLoadError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`ohmymkt cannot load its agent prompts from ${dir}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PromptLoadError';
  }
}

const MARKER = /^<!--\s*prompt:\s*([a-z-]+)\s+(v\d+)\s*-->\s*$/;

type Loaded = { ok: true; prompt: LoadedPrompt } | { ok: false; problem: string };

async function loadOne(dir: string, name: PromptName): Promise<Loaded> {
  const file = join(dir, `${name}.md`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { ok: false, problem: `${file} is missing: restore it from the repository (git checkout -- prompts/)` };
    }
    return { ok: false, problem: `${file} cannot be read (${code ?? String(error)}): check its permissions` };
  }
  if (text.trim() === '') {
    return { ok: false, problem: `${file} is empty: restore it from the repository (git checkout -- prompts/)` };
  }
  const firstLine = text.split('\n', 1)[0] ?? '';
  const marker = MARKER.exec(firstLine.trim());
  if (!marker) {
    return {
      ok: false,
      problem: `${file} does not start with its version marker: make the first line <!-- prompt: ${name} v1 -->`,
    };
  }
  if (marker[1] !== name) {
    return {
      ok: false,
      problem: `${file} is marked as the prompt of "${marker[1]}": fix the first line to <!-- prompt: ${name} ${marker[2]} -->`,
    };
  }
  const version = marker[2] ?? 'v1';
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  return { ok: true, prompt: { name, text, version, sha256 } };
}

export async function loadPrompts(dir: string): Promise<PromptSet> {
  const results = await Promise.all(PROMPT_NAMES.map((name) => loadOne(dir, name)));
  const problems: string[] = [];
  const prompts: Partial<Record<PromptName, LoadedPrompt>> = {};
  for (const result of results) {
    if (result.ok) prompts[result.prompt.name] = result.prompt;
    else problems.push(result.problem);
  }
  if (problems.length > 0) throw new PromptLoadError(dir, problems);
  return prompts as PromptSet;
}
