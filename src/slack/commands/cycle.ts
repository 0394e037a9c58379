// `/ohmymkt cycle [cadence]` only looks, privately, and records nothing; `cycle run [cadence]`
// (approvers and admins only) records a cycle and posts it in the channel.
import { CadenceSchema, type Cadence } from '../../domain/decisions.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import * as cycles from '../../services/cycles.ts';
import { cycleMessage } from '../blocks/cycle.ts';
import { defineCommand } from './spec.ts';

/** `cycle` reads the current recommendation; `cycle.run` records one. */
type CycleCommand = { kind: 'cycle'; cadence: Cadence } | { kind: 'cycle.run'; cadence: Cadence };

function parseCycle(_text: string, args: string[]): Result<CycleCommand> {
  const records = args[0]?.toLowerCase() === 'run';
  const [cadenceText, ...extra] = records ? args.slice(1) : args;
  if (extra.length > 0) return fail('usage', '`cycle` takes one cadence: weekly, monthly or quarterly');
  const cadence = CadenceSchema.safeParse((cadenceText ?? 'weekly').toLowerCase());
  if (!cadence.success) return fail('usage', `"${cadenceText}" is not a cadence; use weekly, monthly or quarterly`);
  return ok({ kind: records ? 'cycle.run' : 'cycle', cadence: cadence.data });
}

export const cycle = defineCommand<CycleCommand>({
  words: ['cycle'],
  usage: [
    'cycle [weekly|monthly|quarterly]               shows the recommendation privately, records nothing',
    'cycle run [weekly|monthly|quarterly]           records a cycle and posts it',
  ],
  parse: parseCycle,
  guards: { 'cycle.run': 'cycle.run' },
  async execute(command, { services, program, actor, replies }) {
    if (command.kind === 'cycle') {
      // Looking records nothing: the decision counts in reports stay the ones a person chose to record.
      const outcome = await cycles.preview(services, program, command.cadence);
      return replies.private(cycleMessage(outcome.cycle, outcome.warnings, { preview: true }));
    }
    const outcome = await cycles.run(services, program, actor, command.cadence);
    await replies.channel(cycleMessage(outcome.cycle, outcome.warnings));
  },
});
