// `/ohmymkt ulw <request>` (or `ultrawork`): an ultrawork run in the channel, started right away.
import { fail, ok } from '../../domain/result.ts';
import { defineCommand, rest } from './spec.ts';

export const ulw = defineCommand<{ kind: 'ulw'; request: string }>({
  words: ['ulw', 'ultrawork'],
  usage: ['ulw <request>                                  start an ultrawork run in the channel'],
  parse(text) {
    const request = rest(text, 1);
    return request === '' ? fail('usage', 'say what to work on: `ulw <request>`') : ok({ kind: 'ulw', request });
  },
  execute: (command, context) => context.startRun(command.request),
});
