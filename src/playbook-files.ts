// A team's own playbooks: every *.json file in OHMYMKT_PLAYBOOKS_DIR, read once at start and checked
// with the same schema as the built-ins. Any bad file stops the start, naming the file and each problem,
// rather than leaving a channel to find out mid-campaign.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogOf, type PlaybookCatalog, BUILT_IN_CATALOG } from './domain/playbook-catalog.ts';
import { parsePlaybook, type Playbook } from './domain/playbook.ts';

export class PlaybookLoadError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`ohmymkt cannot load the playbooks in OHMYMKT_PLAYBOOKS_DIR (${dir}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PlaybookLoadError';
  }
}

async function readOne(dir: string, file: string): Promise<{ ok: true; playbook: Playbook } | { ok: false; problems: string[] }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(join(dir, file), 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  const parsed = parsePlaybook(data);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((problem) => `${file}: ${problem}`) };
  // The file name is what a person looks for when a channel names the playbook.
  if (`${parsed.playbook.name}.json` !== file) return { ok: false, problems: [`${file}: its name is "${parsed.playbook.name}"; name the file ${parsed.playbook.name}.json`] };
  return parsed;
}

/** The built-ins plus the directory's playbooks; the built-ins alone without a directory. */
export async function loadPlaybookCatalog(dir: string | undefined): Promise<PlaybookCatalog> {
  if (dir === undefined) return BUILT_IN_CATALOG;
  let files: string[];
  try {
    files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? 'the directory does not exist' : error instanceof Error ? error.message : String(error);
    throw new PlaybookLoadError(dir, [reason]);
  }
  const problems: string[] = [];
  const loaded: Playbook[] = [];
  for (const file of files) {
    const one = await readOne(dir, file);
    if (one.ok) loaded.push(one.playbook);
    else problems.push(...one.problems);
  }
  if (files.length === 0) problems.push('no *.json playbook files in it; remove the variable or add a file');
  const catalog = catalogOf(loaded);
  if (!catalog.ok) problems.push(catalog.message);
  if (problems.length > 0 || !catalog.ok) throw new PlaybookLoadError(dir, problems);
  return catalog.value;
}
