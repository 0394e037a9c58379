// `/ohmymkt gates`: the five startup gates at a glance, failing ones with the reason that fails them.
import { failingGates, GATE_NAMES, type GateEvaluation } from '../../domain/gates.ts';
import { context, header, message, section, sectionsFromLines, type Message } from './kit.ts';
import { mrkdwnEscape } from './limits.ts';

export const PASS_EMOJI = ':white_check_mark:';
export const FAIL_EMOJI = ':x:';

/** "3 of 5 startup gates pass": the count people look for before anything else. */
export function gateSummary(evaluations: GateEvaluation[]): string {
  const passing = evaluations.length - failingGates(evaluations).length;
  const total = evaluations.length > 0 ? evaluations.length : GATE_NAMES.length;
  return `${passing} of ${total} startup gates pass`;
}

/** One gate on one line, shared by the gates, report and status messages. */
export function gateLine(evaluation: GateEvaluation): string {
  const mark = evaluation.pass ? PASS_EMOJI : FAIL_EMOJI;
  return `${mark} *${evaluation.gate}* · ${mrkdwnEscape(evaluation.owner)} — ${mrkdwnEscape(evaluation.reason)}`;
}

export function gatesMessage(evaluations: GateEvaluation[]): Message {
  const failing = failingGates(evaluations);
  const allPass = evaluations.length > 0 && failing.length === 0;
  const summary = gateSummary(evaluations);
  const next = allPass
    ? 'All startup gates pass: a campaign can start from an approved plan.'
    : 'Fix a gate with `/ohmymkt gates set <gate>.<field>=<value>`, e.g. `capacity_gate.rolling_weeks_feasible=8`.';
  return message(allPass ? summary : `${summary}; failing: ${failing.map((gate) => gate.gate).join(', ')}`, [
    header('Startup gates'),
    section(`${allPass ? PASS_EMOJI : FAIL_EMOJI} *${summary}*`),
    ...sectionsFromLines(evaluations.map(gateLine)),
    context([mrkdwnEscape(next)]),
  ]);
}
