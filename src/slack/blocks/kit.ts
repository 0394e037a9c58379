// The few block shapes every surface builds from. Each one clamps its text to the limit of the
// place it goes, so a builder can hand over user text of any length without counting.
import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Actor } from '../../domain/program.ts';
import { defuseBroadcasts, FALLBACK_TEXT_MAX, LIMITS, mrkdwnEscape, truncate, truncateMrkdwn } from './limits.ts';

/** What every builder returns: blocks for the screen, `text` for notifications and screen readers. */
export type Message = { text: string; blocks: KnownBlock[] };

// Slack rejects empty text objects; a dash keeps the layout honest when there is nothing to say.
const EMPTY = '—';

const orDash = (text: string): string => (text.trim() === '' ? EMPTY : text);

export function header(text: string): HeaderBlock {
  const line = orDash(text.replace(/\s+/g, ' ').trim());
  return { type: 'header', text: { type: 'plain_text', text: truncate(line, LIMITS.headerText), emoji: true } };
}

/**
 * `verbatim` stops Slack from auto-linking channel names and bare mentions in what people wrote;
 * the `<@U…>` and `<!date…>` sequences we build ourselves still render.
 */
export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(orDash(defuseBroadcasts(mrkdwn)), LIMITS.sectionText), verbatim: true } };
}

/** Two columns on desktop, stacked on mobile; anything past Slack's ten fields is dropped. */
export function fieldsSection(fields: string[]): SectionBlock {
  const kept = fields.slice(0, LIMITS.sectionFields);
  return {
    type: 'section',
    fields: (kept.length > 0 ? kept : [EMPTY]).map((field) => ({
      type: 'mrkdwn' as const,
      text: truncateMrkdwn(orDash(defuseBroadcasts(field)), LIMITS.sectionFieldText),
      verbatim: true,
    })),
  };
}

export function context(texts: string[]): ContextBlock {
  const kept = texts.filter((text) => text.trim() !== '').slice(0, LIMITS.contextElements);
  return {
    type: 'context',
    elements: (kept.length > 0 ? kept : [EMPTY]).map((text) => ({
      type: 'mrkdwn' as const,
      text: truncateMrkdwn(defuseBroadcasts(text), LIMITS.contextElementText),
      verbatim: true,
    })),
  };
}

/**
 * Packs lines into as few sections as fit, never splitting a line; a single line too long for a
 * section is cut on its own rather than dragging its neighbours with it.
 */
export function sectionsFromLines(lines: string[], max: number = LIMITS.sectionText): SectionBlock[] {
  const texts: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, max);
    if (current !== '' && current.length + 1 + line.length > max) {
      texts.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') texts.push(current);
  return texts.map((text) => section(text));
}

export function bullets(items: readonly string[]): string[] {
  return items.map((item) => `• ${mrkdwnEscape(item)}`);
}

export function codeBlock(text: string): string {
  return `\`\`\`\n${mrkdwnEscape(text)}\n\`\`\``;
}

/** One line, escaped, short enough for a notification; it never carries mentions. */
export function fallback(summary: string): string {
  return truncateMrkdwn(mrkdwnEscape(orDash(summary.replace(/\s+/g, ' ').trim())), FALLBACK_TEXT_MAX);
}

export function message(summary: string, blocks: KnownBlock[]): Message {
  return { text: fallback(summary), blocks };
}

const MENTION_FORM = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const USER_ID = /^[UW][A-Z0-9]+$/;
// Real ids run to nine or more characters; a shorter bare word ("UX") is more likely a team's name.
const BARE_USER_ID = /^[UW][A-Z0-9]{8,}$/;

/** A value stored as a Slack user id (an actor, an approver, a decider) as a mention. */
export function userMention(userId: string): string {
  const id = userId.trim();
  const typed = MENTION_FORM.exec(id)?.[1];
  if (typed !== undefined) return `<@${typed}>`;
  return USER_ID.test(id) ? `<@${id}>` : mrkdwnEscape(id);
}

/** Free text that may name a person (a task owner): only an unmistakable user id becomes a mention. */
export function mention(who: string): string {
  const text = who.trim();
  const typed = MENTION_FORM.exec(text)?.[1];
  if (typed !== undefined) return `<@${typed}>`;
  return BARE_USER_ID.test(text) ? `<@${text}>` : mrkdwnEscape(text);
}

// A URL that cannot close or split a link sequence; anything else is shown as text, not as a link.
const LINKABLE = /^https?:\/\/[^\s<>|]+$/;

/** "open", linked to `url` when it is a plain web address; otherwise the address as escaped text. */
export function openLink(url: string): string {
  const trimmed = url.trim();
  return LINKABLE.test(trimmed) ? `<${trimmed.replace(/&/g, '&amp;')}|open>` : mrkdwnEscape(trimmed);
}

export function actorText(actor: Actor): string {
  const via = actor.agent !== undefined ? ` (via ${mrkdwnEscape(actor.agent)})` : '';
  return `${userMention(actor.userId)}${via}`;
}

function utcText(date: Date, withTime: boolean): string {
  const iso = date.toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
}

/** Slack renders the date in each reader's own time zone; the fallback is for old clients. */
export function slackDate(date: Date, withTime = true): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const format = withTime ? '{date_short_pretty} {time}' : '{date_short}';
  return `<!date^${seconds}^${format}|${utcText(date, withTime)}>`;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "12m", "3h", "2d": short enough for a list line on a phone. */
export function formatAge(from: Date, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - from.getTime());
  if (elapsed < HOUR_MS) return `${Math.max(1, Math.floor(elapsed / MINUTE_MS))}m`;
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / HOUR_MS)}h`;
  return `${Math.floor(elapsed / DAY_MS)}d`;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** "… and 12 more" when a list was capped; nothing when it was not. */
export function andMore(hidden: number, what = 'more'): string[] {
  return hidden > 0 ? [`_…and ${hidden} ${what}_`] : [];
}
