// `/ohmymkt runs`: the channel's recent runs (state, who it waits on, cost), privately, each linked to its thread.
import { channelRuns } from '../../services/home.ts';
import { RUNS_LISTED, runsMessage } from '../blocks/run-lines.ts';
import { defineCommand, noArguments, type CommandContext } from './spec.ts';

async function showRuns(context: CommandContext): Promise<void> {
  const { services, program, replies } = context;
  const runs = await channelRuns(services, program, RUNS_LISTED);
  const links = new Map<string, string>();
  await Promise.all(
    runs.map(async ({ run }) => {
      const url = await context.threadLink?.(run.threadTs);
      if (url) links.set(run.threadTs, url);
    }),
  );
  await replies.private(runsMessage(runs, (threadTs) => links.get(threadTs), services.clock.now()));
}

export const runs = defineCommand<{ kind: 'runs' }>({
  words: ['runs'],
  usage: ['runs                                           the channel\'s recent runs: state, who it waits on, cost'],
  parse: (_text, args) => noArguments('runs', args, 'runs'),
  execute: (_command, context) => showRuns(context),
});
