// `/ohmymkt provider` (or `providers`): opens the provider settings modal (approvers and admins only).
import { defineCommand, noArguments, refuse } from './spec.ts';

export const provider = defineCommand<{ kind: 'provider' }>({
  words: ['provider', 'providers'],
  usage: ['provider                                       opens the provider settings modal'],
  parse: (_text, args) => noArguments('provider', args, 'provider'),
  async execute(_command, context) {
    const opened = await context.openProviderSettings();
    return opened.ok ? undefined : refuse(opened);
  },
});
