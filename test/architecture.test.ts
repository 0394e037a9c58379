// Dependencies point inward: the domain stays pure (zod and dayjs only), and nothing under the Slack
// edge is reached from the layers it drives (store, services, llm, agents, runs).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const domain = join(root, 'src', 'domain');
const ALLOWED_PACKAGES = new Set(['zod', 'dayjs']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Static imports, re-exports and dynamic imports alike. */
function importSpecifiers(source: string): string[] {
  const pattern = /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;
  return Array.from(source.matchAll(pattern), (match) => match[1] ?? match[2] ?? '');
}

function escapesDomain(file: string, specifier: string): boolean {
  if (specifier.startsWith('.')) return relative(domain, resolve(dirname(file), specifier)).startsWith('..');
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  return !ALLOWED_PACKAGES.has(packageName ?? specifier);
}

describe('architecture', () => {
  test('reads every kind of import line', () => {
    const source = `import { a } from './a.ts';\nimport type { B } from "../b.ts";\nexport * from 'node:fs';\nimport 'dayjs/plugin/utc';\nconst c = await import('mongodb');`;
    assert.deepEqual(importSpecifiers(source), ['./a.ts', '../b.ts', 'node:fs', 'dayjs/plugin/utc', 'mongodb']);
  });

  test('flags imports that leave the domain', () => {
    const file = join(domain, 'gates.ts');
    assert.deepEqual(
      ['./result.ts', '../store/port.ts', 'zod', 'dayjs/plugin/utc', 'mongodb', 'node:fs', '@slack/bolt'].filter((specifier) => escapesDomain(file, specifier)),
      ['../store/port.ts', 'mongodb', 'node:fs', '@slack/bolt'],
    );
  });

  test('the domain imports nothing outside itself but zod and dayjs', () => {
    const files = sourceFiles(domain);
    assert.ok(files.length > 0, 'src/domain has no source files');
    const offenders = files.flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => escapesDomain(file, specifier))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    assert.deepEqual(offenders, []);
  });

  test('the inner layers never reach into the Slack edge, and the Model port stands alone', () => {
    const src = join(root, 'src');
    const inner = ['store', 'services', 'llm', 'agents', 'runs', 'providers'];
    const offenders = inner.flatMap((layer) =>
      sourceFiles(join(src, layer)).flatMap((file) =>
        importSpecifiers(readFileSync(file, 'utf8'))
          .filter((specifier) => specifier.startsWith('.'))
          .map((specifier) => relative(src, resolve(dirname(file), specifier)))
          .filter((target) => target.startsWith('slack') || target.startsWith('local') || (layer === 'llm' && !target.startsWith('llm')))
          .map((target) => `${relative(root, file)} imports src/${target}`),
      ),
    );
    assert.deepEqual(offenders, []);
  });
});
