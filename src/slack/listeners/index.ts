// Every Slack surface ohmymkt listens to, registered in one place.
import type { App } from '@slack/bolt';
import { registerActions } from './actions.ts';
import { registerCommand } from './command.ts';
import type { ListenerDeps } from './deps.ts';
import { registerHome } from './home.ts';
import { registerMention } from './mention.ts';
import { registerOnboarding } from './onboarding.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerMention(app, deps);
  registerCommand(app, deps);
  registerActions(app, deps);
  registerHome(app, deps);
  registerOnboarding(app, deps);
}
