// The provider settings modal: every supported provider by category with its status for this channel.
import type { ModalView } from '@slack/types';
import { CATEGORY_LABELS, PROVIDER_CATEGORIES, PROVIDERS } from '../../domain/providers.ts';
import { CALLBACK_IDS } from '../ids.ts';

export type ProviderStatus = 'configured' | 'not_configured' | 'failing';

const STATUS_TEXT: Record<ProviderStatus, string> = {
  configured: ':white_check_mark: configured',
  not_configured: ':white_circle: not configured',
  failing: ':x: failing',
};

export function providerModal(statuses: Readonly<Record<string, ProviderStatus>>, privateMetadata: string): ModalView {
  const sections = PROVIDER_CATEGORIES.flatMap((category) => [
    { type: 'header' as const, text: { type: 'plain_text' as const, text: CATEGORY_LABELS[category] } },
    {
      type: 'section' as const,
      text: {
        type: 'mrkdwn' as const,
        text: PROVIDERS.filter((p) => p.category === category)
          .map((p) => `*${p.label}* — ${STATUS_TEXT[statuses[p.id] ?? 'not_configured']}${p.note ? `\n_${p.note}_` : ''}`)
          .join('\n'),
      },
    },
  ]);
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.providerSettings,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: 'Providers' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Generation and publishing providers for this channel. Secrets are stored encrypted and never shown.' }],
      },
      ...sections,
    ],
  };
}
