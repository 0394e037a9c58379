// Every Slack surface ohmymkt listens to, registered in one place.
import type { App } from '@slack/bolt';
import { registerActions } from './actions.ts';
import { registerCampaignButton } from './campaign.ts';
import { registerCommand } from './command.ts';
import type { ListenerDeps } from './deps.ts';
import { registerHome } from './home.ts';
import { registerMention } from './mention.ts';
import { registerOnboarding } from './onboarding.ts';
import { registerPlanView } from './plan-view.ts';
import { registerPublish } from './publish.ts';
import { registerProviderSettings } from '../provider-settings.ts';
import { registerUninstall } from './uninstall.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerMention(app, deps);
  registerCommand(app, deps);
  registerActions(app, deps);
  registerCampaignButton(app, deps);
  registerPublish(app, deps);
  registerHome(app, deps);
  registerOnboarding(app, deps);
  registerPlanView(app, deps);
  registerProviderSettings(app, deps);
  const { installations } = deps;
  if (installations) registerUninstall(app, { ...deps, installations });
}
