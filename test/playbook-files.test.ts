import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BUILT_IN_CATALOG } from '../src/domain/playbook-catalog.ts';
import { loadPlaybookCatalog, PlaybookLoadError } from '../src/playbook-files.ts';

const webinar = () => ({ ...structuredClone(BUILT_IN_CATALOG.get('launch')), name: 'webinar', title: 'Webinar program' });

describe('OHMYMKT_PLAYBOOKS_DIR', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ohmymkt-playbooks-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function dirWith(name: string, files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(root, `${name}-`));
    for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
    return dir;
  }

  test('without it, the built-ins', async () => {
    assert.equal(await loadPlaybookCatalog(undefined), BUILT_IN_CATALOG);
  });

  test('a good file joins the built-ins', async () => {
    const catalog = await loadPlaybookCatalog(await dirWith('good', { 'webinar.json': JSON.stringify(webinar()), 'README.md': 'not a playbook' }));
    assert.deepEqual([...catalog.keys()], ['seo-aeo', 'demand-gen', 'launch', 'webinar']);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a file that is not JSON', { 'webinar.json': '{ name: webinar' }, /webinar\.json: not valid JSON/],
    ['a gate field of an unknown type', { 'webinar.json': JSON.stringify({ ...webinar(), gates: [{ ...webinar().gates?.[0], fields: [{ name: 'ok', type: 'maybe', missing: 'x' }] }] }) }, /webinar\.json: gates\.0\.fields\.0\.type/],
    ['a file named unlike its playbook', { 'webinars.json': JSON.stringify(webinar()) }, /webinars\.json: its name is "webinar"; name the file webinar\.json/],
    ['a built-in name taken again', { 'launch.json': JSON.stringify({ ...webinar(), name: 'launch' }) }, /"launch" is defined twice/],
    ['no playbook file at all', { 'notes.txt': 'hello' }, /no \*\.json playbook files in it/],
  ];
  for (const [name, files, problem] of bad) {
    test(`stops the start on ${name}, naming the file and the problem`, async () => {
      const dir = await dirWith('bad', files);
      await assert.rejects(loadPlaybookCatalog(dir), (error: unknown) => {
        assert.ok(error instanceof PlaybookLoadError);
        assert.match(error.message, /cannot load the playbooks in OHMYMKT_PLAYBOOKS_DIR/);
        assert.match(error.message, problem);
        return true;
      });
    });
  }

  test('a directory that does not exist says so', async () => {
    await assert.rejects(loadPlaybookCatalog(join(root, 'nowhere')), /the directory does not exist/);
  });
});
