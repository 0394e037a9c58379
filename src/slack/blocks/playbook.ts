// `/ohmymkt playbook`: the channel's playbook (its gates, KPIs and tracks in brief) and the others it
// could switch to, each with what it fits.
import type { PlaybookView } from '../../services/playbooks.ts';
import { bullets, context, header, message, section, sectionsFromLines, type Message } from './kit.ts';
import { mrkdwnEscape, truncate } from './limits.ts';

export function playbookMessage(view: PlaybookView): Message {
  const book = view.current;
  const kpis = book.kpis.map((kpi) => `\`${kpi.name}\` (${kpi.kind}${kpi.direction === 'down' ? ', lower is better' : ''})`).join(', ');
  const others = view.available.filter((candidate) => candidate.name !== book.name);
  return message(`This channel runs the ${book.name} playbook${view.isDefault ? ' (the default)' : ''}`, [
    header(truncate(`Playbook · ${book.title}`, 150)),
    section(
      [
        `This channel runs *${mrkdwnEscape(book.name)}*${view.isDefault ? ' (the default: no playbook was chosen)' : ''}. ${mrkdwnEscape(book.fitsWhen)}`,
        `*Gates:* ${book.gates.map((gate) => `\`${gate.name}\``).join(', ')}`,
        `*KPIs:* ${kpis}`,
        `*Tracks:* ${book.tracks.map((track) => `${mrkdwnEscape(track.name)} (${track.kind})`).join(', ')} · *sprint pool:* ${book.pool.length} tasks`,
      ].join('\n'),
    ),
    ...(others.length > 0
      ? sectionsFromLines(['*Other playbooks*', ...bullets(others.map((other) => `*${mrkdwnEscape(other.name)}* — ${mrkdwnEscape(truncate(other.fitsWhen, 300))}`))])
      : []),
    context(['Approvers and admins switch with `/ohmymkt playbook set &lt;name&gt;` (not while a campaign runs).']),
  ]);
}
