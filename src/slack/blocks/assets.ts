// `/ohmymkt assets`: the channel's asset manifest, what needs a person first (review, then approved
// and waiting to be published), newest first within each status, with who changed each one and when.
import { ASSET_STATUSES, type Asset, type AssetStatus } from '../../domain/assets.ts';
import { actorText, andMore, context, header, message, openLink, plural, section, sectionsFromLines, slackDate, type Message } from './kit.ts';
import { LIMITS, mrkdwnEscape, truncate } from './limits.ts';

/** The order the list is read in: what waits for a person first, what is done last. */
export const ASSET_LIST_ORDER: readonly AssetStatus[] = ['review', 'approved', 'draft', 'planned', 'published'];

/**
 * One line each, packed into sections. Even if every line filled a section of its own, thirty
 * lines, five status headings, the header, the counts, "and N more" and the footer stay under 50 blocks.
 */
export const MAX_LISTED_ASSETS = 30;

/** A location that is not a web address is shown as text, cut to this many characters. */
export const MAX_LOCATION_TEXT = 120;

const STATUS_WORDS: Record<AssetStatus, string> = {
  planned: 'planned',
  draft: 'draft',
  review: 'in review',
  approved: 'approved',
  published: 'published',
};

const GROUPS: Record<AssetStatus, { title: string; note?: string }> = {
  review: { title: ':eyes: *Waiting for review*', note: "approve or send back each one from its card in the run's thread" },
  approved: { title: ':white_check_mark: *Approved, not yet published*', note: 'content-ops publishes them during a run' },
  draft: { title: ':memo: *Drafts*' },
  planned: { title: ':clipboard: *Planned*' },
  published: { title: ':rocket: *Published*' },
};

/** "Waiting for review (3) — …": the count is of every asset with that status, listed or not. */
function groupHeading(status: AssetStatus, count: number): string {
  const { title, note } = GROUPS[status];
  return `${title} (${count})${note === undefined ? '' : ` — ${note}`}`;
}

const sequenceOf = (asset: Asset): number => Number(asset.id.slice('AST-'.length));

/** Review, approved, draft, planned, published; the most recently changed first within each. */
export function orderAssets(assets: readonly Asset[]): Asset[] {
  return [...assets].sort(
    (a, b) =>
      ASSET_LIST_ORDER.indexOf(a.status) - ASSET_LIST_ORDER.indexOf(b.status) ||
      b.updatedAt.getTime() - a.updatedAt.getTime() ||
      sequenceOf(b) - sequenceOf(a),
  );
}

function assetCounts(assets: readonly Asset[]): Record<AssetStatus, number> {
  const counts = Object.fromEntries(ASSET_STATUSES.map((status) => [status, 0])) as Record<AssetStatus, number>;
  for (const asset of assets) counts[asset.status] += 1;
  return counts;
}

function countsText(assets: readonly Asset[]): string {
  const counts = assetCounts(assets);
  return [plural(assets.length, 'asset'), ...ASSET_STATUSES.map((status) => `${counts[status]} ${STATUS_WORDS[status]}`)].join(' · ');
}

/**
 * A web address as an "open" link when the line has room for it (a link is never cut in half);
 * anything else, or an address too long for the line, as the start of its text.
 */
function locationText(location: string | undefined, room: number): string {
  if (location === undefined || location.trim() === '') return 'no location yet';
  const link = openLink(location);
  if (link.startsWith('<') && link.length <= room) return link;
  return mrkdwnEscape(truncate(location.trim(), MAX_LOCATION_TEXT));
}

/** `*AST-3* Name — email · text · in review · changed by <@U> (via agent) <date> · <url|open>` */
function assetLine(asset: Asset): string {
  const head = [
    `*${asset.id}* ${mrkdwnEscape(asset.name)} — ${asset.type.replaceAll('_', ' ')}`,
    asset.format,
    STATUS_WORDS[asset.status],
    `changed by ${actorText(asset.updatedBy)} ${slackDate(asset.updatedAt)}`,
  ].join(' · ');
  const separator = ' · ';
  return `${head}${separator}${locationText(asset.location, LIMITS.sectionText - head.length - separator.length)}`;
}

function hiddenBreakdown(hidden: readonly Asset[]): string {
  const counts = assetCounts(hidden);
  return ASSET_LIST_ORDER.filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${STATUS_WORDS[status]}`)
    .join(', ');
}

export function assetsMessage(assets: readonly Asset[]): Message {
  if (assets.length === 0) {
    return message('Assets: no assets yet', [
      header('Asset manifest'),
      section(
        '*No assets yet* — content-writer adds them during a run. Mention me with a request to start one, e.g. `@ohmymkt ulw draft three LinkedIn posts about the webinar`.',
      ),
    ]);
  }
  const ordered = orderAssets(assets);
  const shown = ordered.slice(0, MAX_LISTED_ASSETS);
  const hidden = ordered.slice(MAX_LISTED_ASSETS);
  const counts = assetCounts(assets);
  const groups = ASSET_LIST_ORDER.flatMap((status) => {
    const inGroup = shown.filter((asset) => asset.status === status);
    if (inGroup.length === 0) return [];
    return sectionsFromLines([groupHeading(status, counts[status]), ...inGroup.map(assetLine)]);
  });
  const summary = countsText(assets);
  return message(`Assets: ${summary}`, [
    header('Asset manifest'),
    section(`*Assets* · ${summary}`),
    ...groups,
    ...andMore(hidden.length, `more: ${hiddenBreakdown(hidden)}`).map((line) => section(line)),
    context(['Agents add and move assets during a run; only a person approves one, and a published asset is final.']),
  ]);
}
