// The built-in playbooks and the catalog a running app resolves names in (built-ins plus a team's
// own files, read at start by src/playbook-files.ts). A program without a stored playbook runs
// seo-aeo, the playbook every program ran before playbooks existed, so no stored program changes.
import { parsePlaybook, type Playbook } from './playbook.ts';
import { fail, ok, type Result } from './result.ts';
import demandGen from './playbooks/demand-gen.json' with { type: 'json' };
import launch from './playbooks/launch.json' with { type: 'json' };
import seoAeo from './playbooks/seo-aeo.json' with { type: 'json' };

export const DEFAULT_PLAYBOOK = 'seo-aeo';

function builtIn(file: string, data: unknown): Playbook {
  const parsed = parsePlaybook(data);
  // A broken built-in is a bug in this repository, caught by the first test that imports it.
  if (!parsed.ok) throw new Error(`built-in playbook ${file} is invalid: ${parsed.problems.join('; ')}`);
  return parsed.playbook;
}

export const SEO_AEO: Playbook = builtIn('seo-aeo.json', seoAeo);
export const BUILT_IN_PLAYBOOKS: readonly Playbook[] = [SEO_AEO, builtIn('demand-gen.json', demandGen), builtIn('launch.json', launch)];

/** Playbooks by name, in the order they are listed to people. */
export type PlaybookCatalog = ReadonlyMap<string, Playbook>;

export function catalogOf(extra: readonly Playbook[] = []): Result<PlaybookCatalog> {
  const catalog = new Map<string, Playbook>();
  for (const book of [...BUILT_IN_PLAYBOOKS, ...extra]) {
    if (catalog.has(book.name)) {
      const what = BUILT_IN_PLAYBOOKS.some((candidate) => candidate.name === book.name) ? 'a built-in playbook' : 'another playbook file';
      return fail('conflict', `playbook "${book.name}" is defined twice: the name is taken by ${what}; rename the file's "name"`);
    }
    catalog.set(book.name, book);
  }
  return ok(catalog);
}

export const BUILT_IN_CATALOG: PlaybookCatalog = new Map(BUILT_IN_PLAYBOOKS.map((book) => [book.name, book]));

/** The playbook a program runs: its stored name, or seo-aeo when it never chose one. */
export function playbookOf(catalog: PlaybookCatalog, stored: string | undefined): Result<Playbook> {
  const name = stored ?? DEFAULT_PLAYBOOK;
  const book = catalog.get(name);
  if (book !== undefined) return ok(book);
  return fail(
    'not_found',
    `this channel runs playbook "${name}", which is not loaded; add its file back to OHMYMKT_PLAYBOOKS_DIR or choose another with \`/ohmymkt playbook set <name>\` (loaded: ${[...catalog.keys()].join(', ')})`,
  );
}

/** Reads a typed name (any case, spaces trimmed) against the catalog. */
export function findPlaybook(catalog: PlaybookCatalog, name: string): Result<Playbook> {
  const key = name.trim().toLowerCase();
  const book = catalog.get(key);
  if (book !== undefined) return ok(book);
  return fail('invalid', `unknown playbook "${name.trim()}"; choose one of: ${[...catalog.keys()].join(', ')}`);
}
