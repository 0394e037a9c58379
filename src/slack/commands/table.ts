// Every `/ohmymkt` command, in the order `/ohmymkt help` lists them: `/ohmymkt` text → a typed command
// by its first word, and the grammar built from each command's own lines. Parsing is pure and cheap,
// so a bad input is answered inside the ack and never reaches a service.
import { fail, ok, type Result } from '../../domain/result.ts';
import { approvers } from './approvers.ts';
import { assets } from './assets.ts';
import { board } from './board.ts';
import { cycle } from './cycle.ts';
import { gates } from './gates.ts';
import { help } from './help.ts';
import { incident } from './incident.ts';
import { metrics } from './metrics.ts';
import { playbook } from './playbook.ts';
import { plans } from './plans.ts';
import { policy } from './policy.ts';
import { provider } from './provider.ts';
import { report } from './report.ts';
import { runs } from './runs.ts';
import type { CommandOf, CommandSpec } from './spec.ts';
import { status } from './status.ts';
import { ulw } from './ulw.ts';

export const COMMANDS = [help, status, ulw, incident, gates, metrics, playbook, plans, board, cycle, report, assets, approvers, runs, policy, provider] as const;

export type Command = CommandOf<(typeof COMMANDS)[number]>;

/** The `/ohmymkt` grammar exactly as design.md states it. */
export const USAGE = COMMANDS.flatMap((spec) => spec.usage).join('\n');

/** Slack caps slash-command text well below this; anything longer is not a person typing. */
const MAX_COMMAND_TEXT = 4000;

const BY_WORD = new Map<string, CommandSpec<Command>>(COMMANDS.flatMap((spec) => spec.words.map((word) => [word, spec] as const)));

/** The command a kind belongs to: every kind starts with its command's first word (`incident.open`). */
export function specOf(command: Command): CommandSpec<Command> | undefined {
  return BY_WORD.get(command.kind.split('.')[0] ?? '');
}

export function parseCommand(text: string): Result<Command> {
  if (text.length > MAX_COMMAND_TEXT) return fail('usage', `the command is too long (${text.length} characters, at most ${MAX_COMMAND_TEXT})`);
  const [head, ...args] = text.trim().split(/\s+/).filter(Boolean);
  if (head === undefined) return ok({ kind: 'help' });
  const spec = BY_WORD.get(head.toLowerCase());
  return spec === undefined ? fail('usage', `"${head}" is not an ohmymkt command`) : spec.parse(text, args);
}
