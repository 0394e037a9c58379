// Opens the provider settings modal. The trigger id Slack gives a command expires in three seconds,
// so this runs first thing after the ack.
import type { ProviderSettings } from './listeners/deps.ts';
import { providerModal } from './views/provider-modal.ts';

export function providerSettings(): ProviderSettings {
  return {
    async openModal({ program, triggerId, client }) {
      await client.views.open({ trigger_id: triggerId, view: providerModal({}, JSON.stringify(program)) });
    },
  };
}
