// Every Block Kit size limit our builders render, named once, and the three helpers that keep user
// text inside them: cut on a code point, escape Slack's control characters, split long output.
import { randomBytes } from 'node:crypto';
import type { KnownBlock } from '@slack/types';

/**
 * Slack's documented limits (docs.slack.dev reference: blocks, section, header, context, actions,
 * button, modal views, plain_text_input). Lengths are compared with `String.length` (UTF-16 units),
 * which is never less than the character count Slack applies, so staying under it is always safe.
 */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  /** views.publish of a Home tab: "up to 100 blocks" like any view (docs.slack.dev, reference/surfaces/views). */
  homeBlocks: 100,
  /** chat.postMessage truncates the top-level `text` beyond this. */
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** A context element is a text object, whose own ceiling is the section text's. */
  contextElementText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  modalTitle: 24,
  modalButtonText: 24,
  privateMetadata: 3000,
  callbackId: 255,
  plainTextInputMaxLength: 3000,
  inputLabel: 2000,
} as const;

/**
 * Our own ceiling for the notification text: a one-line summary reads on a lock screen; Slack's
 * 40,000 would not.
 */
export const FALLBACK_TEXT_MAX = 300;

export const ELLIPSIS = '…';

/**
 * Cuts `text` so that `result.length <= max`, on a code point (a surrogate pair is never split),
 * ending with "…" when anything was cut.
 */
export function truncate(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`truncate: max must be a whole number ≥ 0 (got ${max})`);
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  const budget = max - ELLIPSIS.length;
  let kept = '';
  for (const codePoint of text) {
    if (kept.length + codePoint.length > budget) break;
    kept += codePoint;
  }
  return `${kept}${ELLIPSIS}`;
}

/**
 * Truncates text that is already mrkdwn without leaving half a control sequence behind: a cut
 * `&am` would show as literal text and a cut `<@U12` as a broken mention, so both are dropped.
 */
export function truncateMrkdwn(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text || !cut.endsWith(ELLIPSIS)) return cut;
  const body = cut.slice(0, -ELLIPSIS.length).replace(/&[a-z]{0,3}$/i, '').replace(/<[^<>]*$/, '');
  return `${body}${ELLIPSIS}`;
}

// `@here` typed as a word: Slack links it wherever it parses text itself (a `text` without verbatim,
// `link_names`); a word joiner after the `@` keeps it looking the same and pinging nobody.
const BARE_BROADCAST = /(^|[^\w@\u2060])@(channel|here|everyone)\b/gi;
// The special mentions: `<!channel>`, `<!here|here>`, `<!everyone>`, `<!subteam^S1|@team>`. ohmymkt
// never builds a broadcast; besides `<!date^…>` (pings nobody) it builds one kind: the user group a channel
// named for its approvals, through groupMention below.
const BROADCAST_SEQUENCE = /<!(?:channel|here|everyone|subteam\^)[^>]*>?/gi;

// The app's own group mention travels through the builders as this marker, unguessable outside the
// process, and becomes `<!subteam^…>` only after every other `<!subteam^…>` was defused. Text anyone wrote
// cannot carry it, so a user's or a model's group mention stays dead while the app's stays live.
const GROUP_MARK = `\u2063${randomBytes(8).toString('hex')}\u2063`;
const MARKED_GROUP = new RegExp(`${GROUP_MARK}(S[A-Z0-9]+)${GROUP_MARK}`, 'g');

/** A mention of the user group `id` (S…) that the kit's builders keep live; anything else is shown as text. */
export function groupMention(id: string): string {
  return /^S[A-Z0-9]+$/.test(id) ? `${GROUP_MARK}${id}${GROUP_MARK}` : mrkdwnEscape(id);
}

/**
 * THE escaping function for text anyone wrote — a request, an answer, a model's output, a name.
 * Slack reads `&`, `<` and `>` as control characters (mentions, links, dates); escaping them turns
 * anyone's `<!channel>` or `<@U1>` into text that only looks like one, and a bare `@channel` is
 * defused too. What ohmymkt builds itself (`<@U…>` of a requester or approver) is added after it.
 */
export function mrkdwnEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(BARE_BROADCAST, '$1@\u2060$2');
}

/**
 * The last line of defence for mrkdwn already built: any broadcast that slipped in through text a
 * builder forgot to escape is escaped (by the function above); the app's own user mentions and
 * dates stay live. Every block builder in kit.ts passes its text through it.
 */
export function defuseBroadcasts(mrkdwn: string): string {
  return mrkdwn
    .replace(BROADCAST_SEQUENCE, (sequence) => mrkdwnEscape(sequence))
    .replace(BARE_BROADCAST, '$1@\u2060$2')
    .replace(MARKED_GROUP, '<!subteam^$1>');
}

/**
 * Splits long output into message-sized runs of blocks, in order. A header is never left as the
 * last block of a run when it can move on with the content it introduces.
 */
export function splitIntoMessages(blocks: KnownBlock[], max: number = LIMITS.messageBlocks): KnownBlock[][] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`splitIntoMessages: max must be a whole number ≥ 1 (got ${max})`);
  const runs: KnownBlock[][] = [];
  let run: KnownBlock[] = [];
  for (const block of blocks) {
    if (run.length === max) {
      const last = run[run.length - 1];
      const carried = last?.type === 'header' && max > 1 ? [last] : [];
      runs.push(carried.length > 0 ? run.slice(0, -1) : run);
      run = carried;
    }
    run.push(block);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
