// `/ohmymkt assets`: the asset manifest (what waits for review or publishing), privately.
import { listAssets } from '../../services/assets.ts';
import { assetsMessage } from '../blocks/assets.ts';
import { defineCommand, noArguments } from './spec.ts';

export const assets = defineCommand<{ kind: 'assets' }>({
  words: ['assets'],
  usage: ['assets                                         the asset manifest: what waits for review or publishing'],
  parse: (_text, args) => noArguments('assets', args, 'assets'),
  execute: async (_command, { services, program, replies }) => replies.private(assetsMessage(await listAssets(services, program))),
});
