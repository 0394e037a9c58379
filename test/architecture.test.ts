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

  // What Slack shows is built by the two renderers (src/slack/, src/local/) from the run layer's typed
  // posts and the services' values: a user mention, a broadcast or an emoji written anywhere else would
  // reach Slack without them, and unescaped.
  const SLACK_SYNTAX = [
    { what: 'a user mention', pattern: /<@\$\{/ },
    { what: 'a broadcast', pattern: /<!(?:channel|here|everyone|subteam)/ },
    { what: 'an emoji shortcode opening a text', pattern: /['"`]:[a-z0-9_+-]+: / },
  ];

  function slackSyntaxIn(source: string): string[] {
    const code = source.replace(/^\s*(?:\/\/|\*).*$/gm, '');
    return SLACK_SYNTAX.filter(({ pattern }) => pattern.test(code)).map(({ what }) => what);
  }

  test('flags Slack syntax in code and not in comments', () => {
    assert.deepEqual(slackSyntaxIn('const a = `only <@${id}> may`;'), ['a user mention']);
    assert.deepEqual(slackSyntaxIn("const b = ':zap: switched';"), ['an emoji shortcode opening a text']);
    assert.deepEqual(slackSyntaxIn("// renders `<@${id}>` and ':zap: '"), []);
    assert.deepEqual(slackSyntaxIn('const marker = /^<!--\\s*prompt/;'), []);
  });

  test('no Slack syntax is built outside the Slack and terminal renderers', () => {
    const src = join(root, 'src');
    const offenders = sourceFiles(src)
      .filter((file) => !/^(slack|local)\//.test(relative(src, file)))
      .flatMap((file) => slackSyntaxIn(readFileSync(file, 'utf8')).map((what) => `${relative(root, file)} builds ${what}`));
    assert.deepEqual(offenders, []);
  });
});
