// Every Slack surface ohmymkt listens to, registered in one place.
import type { App } from '@slack/bolt';
import type { Runs } from '../runs/starter.ts';
import { registerCommand } from './command.ts';
import type { ListenerDeps } from './deps.ts';
import { registerMention } from './mention.ts';

export function registerListeners(app: App, deps: ListenerDeps & { runs: Runs }): void {
  registerMention(app, deps);
  registerCommand(app, deps);
}
