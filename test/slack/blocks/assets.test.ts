import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Asset } from '../../../src/domain/assets.ts';
import { assetsMessage, MAX_LISTED_ASSETS, MAX_LOCATION_TEXT } from '../../../src/slack/blocks/assets.ts';
import { allText, assertWithinLimits } from './limits-check.ts';
import { asset, daysAgo, NOW } from './fixtures.ts';

/** The asset ids in the order the message lists them. */
const listedIds = (assets: Asset[]): string[] => [...allText(assetsMessage(assets)).matchAll(/\*(AST-\d+)\*/g)].map((match) => match[1] as string);

/** The one line that lists this asset. */
function lineOf(assets: Asset[], id: string): string {
  const lines = allText(assetsMessage(assets))
    .split('\n')
    .filter((line) => line.startsWith(`*${id}* `));
  assert.equal(lines.length, 1, `expected one line for ${id}, got ${lines.length}`);
  return lines[0] as string;
}

const agent = { userId: 'U0PERSON01', surface: 'agent' as const, agent: 'content-writer', runId: 'run-1' };

describe('assetsMessage', () => {
  const manifest = [
    asset(1, { status: 'planned', updatedAt: daysAgo(1) }),
    asset(2, { status: 'draft', updatedAt: daysAgo(2) }),
    asset(3, { status: 'review', updatedAt: daysAgo(3) }),
    asset(4, { status: 'review', updatedAt: daysAgo(1) }),
    asset(5, { status: 'approved', updatedAt: daysAgo(5) }),
    asset(6, { status: 'published', updatedAt: NOW }),
    asset(7, { status: 'draft', updatedAt: daysAgo(1) }),
  ];

  test('lists review first, then approved, drafts, planned and published, newest first within each', () => {
    assert.deepEqual(listedIds(manifest), ['AST-4', 'AST-3', 'AST-5', 'AST-7', 'AST-2', 'AST-1', 'AST-6']);
  });

  test('equal change times fall back to the newest asset first', () => {
    const sameTime = [asset(1, { status: 'draft' }), asset(12, { status: 'draft' }), asset(3, { status: 'draft' })];
    assert.deepEqual(listedIds(sameTime), ['AST-12', 'AST-3', 'AST-1']);
  });

  test('counts every status in the summary and the notification text', () => {
    const message = assetsMessage(manifest);
    assertWithinLimits(message);
    const counts = '7 assets · 1 planned · 2 draft · 2 in review · 1 approved · 1 published';
    assert.equal(message.text, `Assets: ${counts}`);
    assert.ok(allText(message).includes(`*Assets* · ${counts}`));
    assert.equal(assetsMessage([asset(1)]).text, 'Assets: 1 asset · 1 planned · 0 draft · 0 in review · 0 approved · 0 published');
  });

  test('each status has its heading with its count, in the order of the list, and review says where to approve', () => {
    const text = allText(assetsMessage(manifest));
    const headings = [':eyes: *Waiting for review* (2) — approve or send back each one from its card in the run\'s thread',
      ':white_check_mark: *Approved, not yet published* (1) — content-ops publishes them during a run', ':memo: *Drafts* (2)', ':clipboard: *Planned* (1)',
      ':rocket: *Published* (1)'];
    const positions = headings.map((heading) => text.indexOf(heading));
    assert.ok(positions.every((position) => position >= 0), `missing a heading: ${headings.filter((_, i) => positions[i] === -1).join(', ')}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    assert.ok(!assetsMessage([asset(1, { status: 'draft' })]).blocks.some((block) => JSON.stringify(block).includes('Waiting for review')),
      'a status with no assets has no heading');
  });

  test('a line shows id, name, type, format, status, location and who changed it when', () => {
    const when = new Date('2025-06-28T14:05:00Z');
    const assets = [asset(9, { type: 'landing_page', format: 'image', status: 'review', name: 'Pricing hero', location: 'https://example.com/hero.png?a=1&b=2', updatedBy: agent, updatedAt: when })];
    assert.equal(
      lineOf(assets, 'AST-9'),
      `*AST-9* Pricing hero — landing page · image · in review · changed by <@U0PERSON01> (via content-writer) <!date^${when.getTime() / 1000}^{date_short_pretty} {time}|2025-06-28 14:05 UTC> · <https://example.com/hero.png?a=1&amp;b=2|open>`,
    );
    assert.match(lineOf([asset(2, { updatedBy: { userId: 'U7', surface: 'action' } })], 'AST-2'), /changed by <@U7> <!date\^/);
  });

  test('names cannot mention, broadcast or link', () => {
    const message = assetsMessage([asset(1, { name: '<!channel> launch & <@U1> <https://evil.example|click>' })]);
    assertWithinLimits(message);
    assert.ok(allText(message).includes('*AST-1* &lt;!channel&gt; launch &amp; &lt;@U1&gt; &lt;https://evil.example|click&gt; — '));
  });

  test('only a plain web address becomes a link; any other location is escaped text', () => {
    const cases: Array<[string | undefined, string]> = [
      ['https://example.com/blog/post', '<https://example.com/blog/post|open>'],
      ['http://example.com/a', '<http://example.com/a|open>'],
      ['drive/Q3 plan <final>.docx', 'drive/Q3 plan &lt;final&gt;.docx'],
      ['https://example.com/a b', 'https://example.com/a b'],
      ['https://example.com/x|y', 'https://example.com/x|y'],
      ['javascript:alert(1)', 'javascript:alert(1)'],
      [undefined, 'no location yet'],
    ];
    for (const [location, shown] of cases) {
      const assets = [asset(1, location === undefined ? {} : { location })];
      assertWithinLimits(assetsMessage(assets));
      assert.ok(lineOf(assets, 'AST-1').endsWith(` · ${shown}`), `${location}: ${lineOf(assets, 'AST-1')}`);
    }
  });

  test('a long location that is not a web address is cut', () => {
    const assets = [asset(1, { location: `shared-drive/${'q'.repeat(1987)}` })];
    const line = lineOf(assets, 'AST-1');
    const where = line.slice(line.lastIndexOf(' · ') + 3);
    assert.equal(where.length, MAX_LOCATION_TEXT);
    assert.ok(where.startsWith('shared-drive/qqq') && where.endsWith('…'));
  });

  test(`lists the first ${MAX_LISTED_ASSETS} by what needs a person and says what the rest are`, () => {
    const assets = [
      ...Array.from({ length: 40 }, (_, i) => asset(i + 1, { status: 'published' })),
      ...Array.from({ length: 5 }, (_, i) => asset(i + 41, { status: 'review' })),
      asset(46, { status: 'planned' }),
    ];
    const message = assetsMessage(assets);
    assertWithinLimits(message);
    const ids = listedIds(assets);
    assert.equal(ids.length, MAX_LISTED_ASSETS);
    assert.deepEqual(ids.slice(0, 6), ['AST-45', 'AST-44', 'AST-43', 'AST-42', 'AST-41', 'AST-46']);
    assert.ok(allText(message).includes('_…and 16 more: 16 published_'));
    assert.ok(allText(message).includes('*Published* (40)'), 'a heading counts every asset of its status, shown or not');
  });

  test(`exactly ${MAX_LISTED_ASSETS} assets are all listed, with no "more" line`, () => {
    const assets = Array.from({ length: MAX_LISTED_ASSETS }, (_, i) => asset(i + 1));
    assert.equal(listedIds(assets).length, MAX_LISTED_ASSETS);
    assert.ok(!allText(assetsMessage(assets)).includes('more:'));
  });

  test('200 assets with 200-character names and the longest locations stay within every limit', () => {
    const longUrl = `https://example.com/${'p'.repeat(1980)}`;
    const variants: Array<Partial<Asset>> = [
      { name: 'n'.repeat(200), location: longUrl },
      { name: '&'.repeat(200), location: longUrl },
      { name: '<'.repeat(200), location: `https://example.com/${'&'.repeat(1980)}` },
      { name: '🚀'.repeat(100), location: `drive/${'<'.repeat(1994)}` },
      { name: `<!channel>${'x'.repeat(190)}`, location: 'y'.repeat(2000), updatedBy: { ...agent, agent: 'a'.repeat(500) } },
    ];
    const statuses = ['planned', 'draft', 'review', 'approved', 'published'] as const;
    const assets = Array.from({ length: 200 }, (_, i) =>
      asset(i + 1, { ...variants[i % variants.length], status: statuses[Math.floor(i / 3) % statuses.length] }),
    );
    const message = assetsMessage(assets);
    assertWithinLimits(message);
    assert.equal(listedIds(assets).length, MAX_LISTED_ASSETS);
    assert.ok(allText(message).includes(`_…and ${200 - MAX_LISTED_ASSETS} more: `));
  });

  test('the longest web address stays a whole link beside a 200-character name', () => {
    const location = `https://example.com/${'p'.repeat(1980)}`;
    const assets = [asset(1, { name: 'n'.repeat(200), location, updatedBy: agent })];
    assertWithinLimits(assetsMessage(assets));
    assert.ok(lineOf(assets, 'AST-1').endsWith(` · <${location}|open>`));
  });

  test('a link with no room left on its line is shown as the start of the address, never half a link', () => {
    const location = `https://example.com/${'&'.repeat(1980)}`;
    const assets = [asset(1, { name: '&'.repeat(200), location })];
    assertWithinLimits(assetsMessage(assets));
    const line = lineOf(assets, 'AST-1');
    assert.ok(!line.includes('|open>'));
    assert.ok(line.includes(` · https://example.com/&amp;&amp;`) && line.endsWith('…'));
  });

  test('an empty manifest says who adds assets and how to start', () => {
    const message = assetsMessage([]);
    assertWithinLimits(message);
    assert.equal(message.text, 'Assets: no assets yet');
    assert.match(allText(message), /No assets yet\* — content-writer adds them during a run/);
    assert.match(allText(message), /`@ohmymkt ulw /);
  });
});
