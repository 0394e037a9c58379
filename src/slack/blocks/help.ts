// `/ohmymkt help` and the usage error every bad command answers with: the problem first, then why,
// then how the mistyped command is written (the whole grammar only for a word that is no command).
import { andMore, bullets, codeBlock, context, header, message, section, sectionsFromLines, type Message } from './kit.ts';
import { USAGE } from '../commands/table.ts';
import { mrkdwnEscape } from './limits.ts';

// The grammar is built from each command's own lines (commands/table.ts); shown here, and read by usageOf.
export { USAGE };

const usageSection = (): ReturnType<typeof section> => section(`*Usage:* \`/ohmymkt &lt;command&gt;\`\n${codeBlock(USAGE)}`);

/** The first word of each `a | b` alternative on a grammar line, e.g. "incident" or "cycle". */
function commandsOn(line: string): string[] {
  const [grammar = ''] = line.split(/\s{2,}/);
  return grammar.split(' | ').map((alternative) => alternative.trim().split(/\s+/)[0]?.toLowerCase() ?? '');
}

/**
 * The grammar lines of one command (with their indented notes), so a mistyped `cycle` shows how
 * `cycle` is written rather than all thirteen commands; undefined for a word that is no command.
 */
export function usageOf(command: string): string | undefined {
  const word = command.trim().split(/[\s.]/)[0]?.toLowerCase() ?? '';
  const lines = USAGE.split('\n');
  const picked: string[] = [];
  let owner = '';
  for (const line of lines) {
    // An indented line is a note on the grammar line above it.
    if (!/^\s/.test(line)) owner = line;
    if (commandsOn(owner).includes(word)) picked.push(line);
  }
  return picked.length > 0 ? picked.join('\n') : undefined;
}

export function helpMessage(): Message {
  return message('ohmymkt commands: help, status, ulw, incident, gates, metrics, plans, assets, cycle, report, approvers, provider', [
    header('ohmymkt · growth operations'),
    section(
      [
        'Mention me with a request to start a run in its own thread, e.g. `@ohmymkt ulw build a 30-day demand-gen pipeline for our B2B SaaS`.',
        'With `ulw` (or `ultrawork`) the work starts right away; without it the request is *planned*: requirements, a review, and an Approve / Reject click before anything high-impact runs.',
      ].join('\n'),
    ),
    usageSection(),
    context(['A usage error is shown only to you and changes nothing.']),
  ]);
}

/** More reasons than this are one problem said many ways; the rest is summarised. */
export const MAX_USAGE_REASONS = 10;

/** `command`: the word the person typed first; its usage alone is shown when it is a command. */
export function usageError(problem: string, reasons: string[] = [], command?: string): Message {
  const given = reasons.filter((reason) => reason.trim() !== '');
  const shown = given.slice(0, MAX_USAGE_REASONS);
  const own = command === undefined ? undefined : usageOf(command);
  return message(problem, [
    section(`:warning: *${mrkdwnEscape(problem.trim())}*`),
    ...sectionsFromLines([...bullets(shown), ...andMore(given.length - shown.length)]),
    own === undefined ? usageSection() : section(`*Usage:*\n${codeBlock(own.split('\n').map((line) => (/^\s/.test(line) ? line : `/ohmymkt ${line}`)).join('\n'))}\n\`/ohmymkt help\` lists every command.`),
    context(['Nothing was changed.']),
  ]);
}
