// `/ohmymkt` text → a typed command, or a usage problem naming what is wrong. Parsing is pure and
// cheap, so a bad input is answered inside the ack and never reaches a service.
import { z } from 'zod';
import { CadenceSchema, type Cadence } from '../../domain/decisions.ts';
import { parseIncidentId, parseSeverity, type Severity, MAX_MODULE_LENGTH } from '../../domain/incidents.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { DEFAULT_REPORT_WINDOW_DAYS, parseWindow } from '../../domain/window.ts';
import { parseBoardCommand, parseMetricsCommand, parsePlaybookCommand, type ProgramCommand } from './parse-program.ts';

export type Command =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'ulw'; request: string }
  | { kind: 'incident.open'; severity: Severity; module?: string; summary: string }
  | { kind: 'incident.update'; id: string; note: string }
  | { kind: 'incident.resolve'; id: string; note?: string }
  | { kind: 'incident.list' }
  | { kind: 'gates' }
  | { kind: 'gates.set'; assignment: string }
  | { kind: 'plans' }
  | { kind: 'assets' }
  /** Reads the current recommendation; `cycle.run` records one. */
  | { kind: 'cycle'; cadence: Cadence }
  | { kind: 'cycle.run'; cadence: Cadence }
  /** `post`: share it in the channel instead of answering privately. */
  | { kind: 'report'; days: number; post: boolean }
  | { kind: 'approvers' }
  | { kind: 'approvers.add'; userId: string }
  | { kind: 'approvers.remove'; userId: string }
  /** Without `group`: cards go back to mentioning the approvers. */
  | { kind: 'approvers.group'; group?: { id: string; handle: string } }
  | { kind: 'runs' }
  | { kind: 'policy' }
  | { kind: 'policy.four_eyes'; on: boolean }
  | { kind: 'provider' }
  | ProgramCommand;

/** Slack caps slash-command text well below this; anything longer is not a person typing. */
export const MAX_COMMAND_TEXT = 4000;

// With should_escape on, Slack sends a mention as <@U123|name> (or <@U123>).
const UserMention = z.string().regex(/^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/);

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

function rest(text: string, count: number): string {
  // Everything after the first `count` words, with the person's own spacing kept.
  let remaining = text.trim();
  for (let i = 0; i < count; i += 1) remaining = remaining.replace(/^\S+\s*/, '');
  return remaining.trim();
}

function noArguments(kind: Command['kind'], extra: string[], usage: string): Result<Command> {
  return extra.length === 0 ? ok({ kind } as Command) : fail('usage', `\`${usage}\` takes nothing after it (got "${extra.join(' ')}")`);
}

function parseIncident(text: string, args: string[]): Result<Command> {
  const [action, ...more] = args;
  switch (action?.toLowerCase()) {
    case 'open': {
      const [severityText] = more;
      if (severityText === undefined) return fail('usage', 'an incident needs a severity: high, medium or low (or P0, P1, P2)');
      const severity = parseSeverity(severityText);
      if (!severity.ok) return severity;
      let summary = rest(text, 3);
      let module: string | undefined;
      const moduleMatch = /^module:(\S+)\s*/i.exec(summary);
      if (moduleMatch) {
        module = moduleMatch[1];
        summary = summary.slice(moduleMatch[0].length).trim();
        if (module !== undefined && module.length > MAX_MODULE_LENGTH) {
          return fail('usage', `the module name is too long (at most ${MAX_MODULE_LENGTH} characters)`);
        }
      }
      if (summary === '') return fail('usage', 'an incident needs a summary after the severity');
      return ok({ kind: 'incident.open', severity: severity.value, ...(module ? { module } : {}), summary });
    }
    case 'update': {
      const id = more[0] === undefined ? fail('usage', 'say which incident: `incident update INC-1 <note>`') : parseIncidentId(more[0]);
      if (!id.ok) return id;
      const note = rest(text, 3);
      if (note === '') return fail('usage', `say what changed: \`incident update ${id.value} <note>\``);
      return ok({ kind: 'incident.update', id: id.value, note });
    }
    case 'resolve': {
      const id = more[0] === undefined ? fail('usage', 'say which incident: `incident resolve INC-1 [note]`') : parseIncidentId(more[0]);
      if (!id.ok) return id;
      const note = rest(text, 3);
      return ok({ kind: 'incident.resolve', id: id.value, ...(note ? { note } : {}) });
    }
    case 'list':
      return noArguments('incident.list', more, 'incident list');
    default:
      return fail('usage', action ? `"incident ${action}" is not an incident action; use open, update, resolve or list` : 'say what to do: `incident open|update|resolve|list`');
  }
}

function parseSetter(kind: 'gates', args: string[], example: string): Result<Command> {
  const [action, assignment, ...extra] = args;
  if (action === undefined) return ok({ kind });
  if (action.toLowerCase() !== 'set') return fail('usage', `"${kind} ${action}" is not a ${kind} action; use \`${kind}\` or \`${kind} set ${example}\``);
  if (assignment === undefined) return fail('usage', `say what to set: \`${kind} set ${example}\``);
  if (extra.length > 0) return fail('usage', `one assignment at a time, with no spaces: \`${kind} set ${example}\``);
  return ok({ kind: `${kind}.set`, assignment } as Command);
}

function parseApprovers(args: string[]): Result<Command> {
  const [action, mention, ...extra] = args;
  if (action === undefined) return ok({ kind: 'approvers' });
  const verb = action.toLowerCase();
  if (verb === 'group') return parseApproverGroup(mention, extra);
  if (verb !== 'add' && verb !== 'remove') return fail('usage', `"approvers ${action}" is not an approvers action; use add, remove or group`);
  if (mention === undefined || extra.length > 0) return fail('usage', `name one person: \`approvers ${verb} @someone\``);
  const parsed = UserMention.safeParse(mention);
  if (!parsed.success) return fail('usage', `"${mention}" is not a person; mention them with @ so Slack turns it into a link`);
  const userId = /^<@([A-Z0-9]+)/.exec(mention)?.[1] ?? '';
  return ok({ kind: verb === 'add' ? 'approvers.add' : 'approvers.remove', userId });
}

// With should_escape on, Slack sends a user group as <!subteam^S123|@handle> (or <!subteam^S123>).
const GroupMention = /^<!subteam\^(S[A-Z0-9]+)(?:\|@?([^>]*))?>$/;

function parseApproverGroup(mention: string | undefined, extra: string[]): Result<Command> {
  if (mention === undefined || extra.length > 0) return fail('usage', 'name one user group: `approvers group @group`, or `approvers group off`');
  if (mention.toLowerCase() === 'off') return ok({ kind: 'approvers.group' });
  const group = GroupMention.exec(mention);
  if (!group?.[1]) return fail('usage', `"${mention}" is not a user group; mention it with @ so Slack turns it into a link`);
  return ok({ kind: 'approvers.group', group: { id: group[1], handle: (group[2] ?? group[1]).slice(0, 100) } });
}

function parsePolicy(args: string[]): Result<Command> {
  const [name, setting, ...extra] = args;
  if (name === undefined) return ok({ kind: 'policy' });
  if (name.toLowerCase() !== 'four-eyes') return fail('usage', `"policy ${name}" is not a policy; the one policy is \`policy four-eyes on|off\``);
  const value = setting?.toLowerCase();
  if ((value !== 'on' && value !== 'off') || extra.length > 0) return fail('usage', 'say on or off: `policy four-eyes on|off`');
  return ok({ kind: 'policy.four_eyes', on: value === 'on' });
}

export function parseCommand(text: string): Result<Command> {
  if (text.length > MAX_COMMAND_TEXT) return fail('usage', `the command is too long (${text.length} characters, at most ${MAX_COMMAND_TEXT})`);
  const args = words(text);
  const [head, ...more] = args;
  switch (head?.toLowerCase()) {
    case undefined:
    case 'help':
      return ok({ kind: 'help' });
    case 'status':
      return noArguments('status', more, 'status');
    case 'ulw':
    case 'ultrawork': {
      const request = rest(text, 1);
      return request === '' ? fail('usage', 'say what to work on: `ulw <request>`') : ok({ kind: 'ulw', request });
    }
    case 'incident':
      return parseIncident(text, more);
    case 'gates':
      return parseSetter('gates', more, 'capacity_gate.rolling_weeks_feasible=8');
    case 'metrics':
      return parseMetricsCommand(more);
    case 'playbook':
      return parsePlaybookCommand(more);
    case 'board':
      return parseBoardCommand(more);
    case 'plans':
      return noArguments('plans', more, 'plans');
    case 'runs':
      return noArguments('runs', more, 'runs');
    case 'assets':
      return noArguments('assets', more, 'assets');
    case 'cycle': {
      // `cycle [cadence]` only looks; `cycle run [cadence]` records (approvers and admins only).
      const records = more[0]?.toLowerCase() === 'run';
      const [cadenceText, ...extra] = records ? more.slice(1) : more;
      if (extra.length > 0) return fail('usage', '`cycle` takes one cadence: weekly, monthly or quarterly');
      const cadence = CadenceSchema.safeParse((cadenceText ?? 'weekly').toLowerCase());
      if (!cadence.success) return fail('usage', `"${cadenceText}" is not a cadence; use weekly, monthly or quarterly`);
      return ok({ kind: records ? 'cycle.run' : 'cycle', cadence: cadence.data });
    }
    case 'report': {
      // `post` may come before or after the window: `report post`, `report 7d post`.
      const post = more.some((word) => word.toLowerCase() === 'post');
      const [windowText, ...extra] = more.filter((word) => word.toLowerCase() !== 'post');
      if (extra.length > 0) return fail('usage', '`report` takes one window such as 7d, 30d or 90d, and `post` to share it');
      if (windowText === undefined) return ok({ kind: 'report', days: DEFAULT_REPORT_WINDOW_DAYS, post });
      const days = parseWindow(windowText);
      return days.ok ? ok({ kind: 'report', days: days.value, post }) : days;
    }
    case 'approvers':
      return parseApprovers(more);
    case 'policy':
      return parsePolicy(more);
    case 'provider':
    case 'providers':
      return noArguments('provider', more, 'provider');
    default:
      return fail('usage', `"${head}" is not an ohmymkt command`);
  }
}
