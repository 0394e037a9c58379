// The router (rules §1, design flow 1): the `ulw` keyword outside code, quotes and links picks
// ultrawork, everything else is planned; impact decides whether the review gate is announced or
// a "Run as Ultrawork" offer is made.
import { impactSignals, type ImpactKind, type ImpactSignal } from './impact.ts';

export type Route = 'ultrawork' | 'planned';
export type Impact = 'high' | 'low';

export interface RouteResult {
  route: Route;
  impact: Impact;
  /** The matched phrases, in reading order. */
  evidence: string[];
  signals: ImpactSignal[];
  keyword: boolean;
  /** A planned, low-impact request: the first reply offers "Run as Ultrawork". */
  offerUltrawork: boolean;
  /** Ultrawork on a high-impact request: it runs, but stops for approval before any high-cost action. */
  reviewGateOnHighCost: boolean;
  /** The text with the bot mention removed. */
  request: string;
}

const SLACK_MENTION = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;

/** Removes the bot's mention (every mention of `botUserId`, or a leading mention when it is unknown). */
export function stripBotMention(text: string, botUserId?: string): string {
  const stripped =
    botUserId === undefined
      ? text.replace(new RegExp(`^\\s*${SLACK_MENTION.source}`), '')
      : text.replace(SLACK_MENTION, (mention) => (mention.slice(2).split(/[|>]/)[0] === botUserId ? '' : mention));
  return stripped.trim();
}

const blank = (part: string): string => part.replace(/[^\n]/g, ' ');

// Slack wraps links, mentions and channels in <…>; a user's own "<" arrives escaped as &lt;.
const SLACK_LINK = /<[^<>\s][^<>]*>/g;
const BARE_URL = /(?:\bhttps?:\/\/|\bwww\.)\S+|\b[\w-]+(?:\.[\w-]+)+\/\S*/gi;

/** The words a person wrote as prose: code, block quotes and links blanked out in place. */
export function proseOf(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/^[ \t]*(?:>|&gt;).*$/gm, blank)
    .replace(SLACK_LINK, blank)
    .replace(BARE_URL, blank);
}

// Underscores count as boundaries because Slack italics wrap words in them (`_ulw_`).
const KEYWORD = /(?<![\p{L}\p{N}])(?:ulw|ultrawork)(?![\p{L}\p{N}])/iu;

export function hasUltraworkKeyword(request: string): boolean {
  return KEYWORD.test(proseOf(request));
}

// Impact reads quotes and code too (a quoted budget is still a budget named), but not link targets;
// a labelled link keeps its label.
function impactText(request: string): string {
  return request.replace(SLACK_LINK, (link) => (link.includes('|') ? ` ${link.slice(link.indexOf('|') + 1, -1)} ` : blank(link))).replace(BARE_URL, blank);
}

export function routeRequest(text: string, options: { botUserId?: string } = {}): RouteResult {
  const request = stripBotMention(text, options.botUserId);
  const keyword = hasUltraworkKeyword(request);
  const signals = impactSignals(impactText(request));
  const impact: Impact = signals.length > 0 ? 'high' : 'low';
  const route: Route = keyword ? 'ultrawork' : 'planned';
  return {
    route,
    impact,
    evidence: signals.map((signal) => signal.phrase),
    signals,
    keyword,
    offerUltrawork: route === 'planned' && impact === 'low',
    reviewGateOnHighCost: route === 'ultrawork' && impact === 'high',
    request,
  };
}

function phrasesOf(signals: ImpactSignal[], kind: ImpactKind): string[] {
  return [...new Set(signals.filter((signal) => signal.kind === kind).map((signal) => signal.phrase))];
}

function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "a $50,000 budget and a launch date": what the request commits, in words a person reads. */
function commitments(signals: ImpactSignal[]): string {
  const money = phrasesOf(signals, 'money');
  const budget = phrasesOf(signals, 'budget').length > 0;
  const paid = phrasesOf(signals, 'paid_channel');
  const revenue = phrasesOf(signals, 'revenue_target');
  const parts = [
    ...(money.length > 0 ? [budget ? `a ${listed(money)} budget` : listed(money)] : budget ? ['a budget'] : []),
    ...(paid.length > 0 ? [`a paid channel (${paid.join(', ')})`] : []),
    ...(phrasesOf(signals, 'launch_date').length > 0 ? ['a launch date'] : []),
    ...(revenue.length > 0 ? [`a revenue target (${revenue.join(', ')})`] : []),
  ];
  return listed(parts);
}

const NOTHING_COMMITTED = 'no budget, paid channel, launch date or revenue target named';

export function describeRoute(result: RouteResult): string {
  if (result.route === 'ultrawork') {
    return result.impact === 'high'
      ? `Route: ultrawork (asked for with ulw) — commits ${commitments(result.signals)}, so it stops for plan approval before any high-cost action`
      : `Route: ultrawork — asked for with ulw; ${NOTHING_COMMITTED}`;
  }
  return result.impact === 'high'
    ? `Route: planned — commits ${commitments(result.signals)}`
    : `Route: planned — ${NOTHING_COMMITTED}; it can also run as Ultrawork`;
}

/** The request as the agents should read it: a leading `ulw` / `ultrawork` chose the route and says nothing more. */
export function requestWithoutKeyword(request: string): string {
  return request.replace(/^\s*(?:ulw|ultrawork)\b[\s,:;.-]*/i, '').trim();
}
