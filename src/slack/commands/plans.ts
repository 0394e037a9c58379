// `/ohmymkt plans`: the channel's plans and where each stands, privately.
import { listPlans } from '../../services/plans.ts';
import { plansMessage } from '../blocks/plans.ts';
import { defineCommand, noArguments } from './spec.ts';

export const plans = defineCommand<{ kind: 'plans' }>({
  words: ['plans'],
  // One grammar line for two short commands; board.ts adds none of its own.
  usage: ['plans | board'],
  parse: (_text, args) => noArguments('plans', args, 'plans'),
  execute: async (_command, { services, program, replies }) => replies.private(plansMessage(await listPlans(services, program))),
});
