// `/ohmymkt help` and the usage error every bad command answers with: the problem first, then why,
// then the whole grammar, so the person can fix the command without leaving the channel.
import { andMore, bullets, codeBlock, context, header, message, section, sectionsFromLines, type Message } from './kit.ts';
import { mrkdwnEscape } from './limits.ts';

/** The `/ohmymkt` grammar exactly as design.md states it. */
export const USAGE = [
  'help | status',
  'ulw <request>                                  start an ultrawork run in the channel',
  'incident open <high|medium|low|P0|P1|P2> [module:<name>] <summary>',
  'incident update <id> <note> | incident resolve <id> [note] | incident list',
  '                                               (ids are short and typable: INC-1, INC-2, … per program)',
  'gates | gates set <gate>.<field>=<value>',
  'metrics | metrics set <track>.<metric>=<up|flat|down>',
  'plans | cycle [run] [weekly|monthly|quarterly] | report [<n>d]',
  'assets                                         the asset manifest: what waits for review or publishing',
  'approvers | approvers add @user | approvers remove @user',
  'policy | policy four-eyes on|off               four-eyes on high-impact plans (on by default)',
  'provider                                       opens the provider settings modal',
].join('\n');

const usageSection = (): ReturnType<typeof section> => section(`*Usage:* \`/ohmymkt &lt;command&gt;\`\n${codeBlock(USAGE)}`);

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

export function usageError(problem: string, reasons: string[] = []): Message {
  const given = reasons.filter((reason) => reason.trim() !== '');
  const shown = given.slice(0, MAX_USAGE_REASONS);
  return message(problem, [
    section(`:warning: *${mrkdwnEscape(problem.trim())}*`),
    ...sectionsFromLines([...bullets(shown), ...andMore(given.length - shown.length)]),
    usageSection(),
    context(['Nothing was changed.']),
  ]);
}
