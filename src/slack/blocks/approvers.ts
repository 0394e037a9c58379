// `/ohmymkt approvers`: who besides the requester may click Approve / Reject in this channel.
import { andMore, context, header, message, plural, section, sectionsFromLines, userMention, type Message } from './kit.ts';

/** A list longer than this is a workspace, not a review board; the rest is counted. */
export const MAX_LISTED_APPROVERS = 100;

const HOW_TO = 'Change the list with `/ohmymkt approvers add @user` or `/ohmymkt approvers remove @user`.';

export function approversMessage(approvers: string[]): Message {
  // Deduplicated as rendered, so `U1` and `<@U1>` count once.
  const people = [...new Set(approvers.filter((approver) => approver.trim() !== '').map(userMention))];
  if (people.length === 0) {
    return message('No approvers set: only the requester can approve a plan in this channel', [
      header('Plan approvers'),
      section('*No approvers set.* Only the person who made a request can approve or reject its plan in this channel.'),
      context([HOW_TO]),
    ]);
  }
  const shown = people.slice(0, MAX_LISTED_APPROVERS);
  return message(`Plan approvers: ${plural(people.length, 'person', 'people')} besides the requester`, [
    header('Plan approvers'),
    section(`*${plural(people.length, 'approver')}* besides the requester can approve or reject plans here:`),
    ...sectionsFromLines([...shown.map((who) => `• ${who}`), ...andMore(people.length - shown.length)]),
    context(['The requester can always decide on their own request; anyone else gets a private refusal.', HOW_TO]),
  ]);
}
