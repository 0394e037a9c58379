// `/ohmymkt report [<n>d] [post]`: the growth report over a window, privately unless `post`.
import { fail, ok, type Result } from '../../domain/result.ts';
import { DEFAULT_REPORT_WINDOW_DAYS, parseWindow } from '../../domain/window.ts';
import { growthReport } from '../../services/reports.ts';
import { reportMessage } from '../blocks/report.ts';
import { defineCommand } from './spec.ts';

/** `post`: share it in the channel instead of answering privately. */
type ReportCommand = { kind: 'report'; days: number; post: boolean };

function parseReport(_text: string, args: string[]): Result<ReportCommand> {
  // `post` may come before or after the window: `report post`, `report 7d post`.
  const post = args.some((word) => word.toLowerCase() === 'post');
  const [windowText, ...extra] = args.filter((word) => word.toLowerCase() !== 'post');
  if (extra.length > 0) return fail('usage', '`report` takes one window such as 7d, 30d or 90d, and `post` to share it');
  if (windowText === undefined) return ok({ kind: 'report', days: DEFAULT_REPORT_WINDOW_DAYS, post });
  const days = parseWindow(windowText);
  return days.ok ? ok({ kind: 'report', days: days.value, post }) : days;
}

export const report = defineCommand<ReportCommand>({
  words: ['report'],
  usage: ['report [<n>d] [post]                           private unless `post`'],
  parse: parseReport,
  async execute(command, { services, program, replies }) {
    const message = reportMessage(await growthReport(services, program, command.days));
    if (command.post) await replies.channel(message);
    else await replies.private(message);
  },
});
