// `/ohmymkt help` (and a bare `/ohmymkt`): the whole grammar, privately. It has no runner of its own:
// the dispatcher answers it inside the ack, since what it shows is the table that lists this file.
import { ok } from '../../domain/result.ts';
import { defineCommand } from './spec.ts';

export const help = defineCommand<{ kind: 'help' }>({
  words: ['help'],
  // One grammar line for two short commands; status.ts adds none of its own.
  usage: ['help | status'],
  parse: () => ok({ kind: 'help' }),
});
