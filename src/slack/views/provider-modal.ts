// The provider settings modal of `/ohmymkt provider`: every supported provider by category, its
// status for this channel, and a Configure button that opens its settings form on top.
import type { KnownBlock, ModalView } from '@slack/types';
import { CATEGORY_LABELS, PROVIDER_CATEGORIES } from '../../domain/providers.ts';
import type { ProviderSummary } from '../../services/providers.ts';
import { LIMITS, mrkdwnEscape, truncate } from '../blocks/limits.ts';
import { ACTION_IDS, CALLBACK_IDS } from '../ids.ts';

function providerBlock(summary: ProviderSummary): KnownBlock {
  const status = summary.status === 'configured' ? ':white_check_mark: configured' : ':white_circle: not configured';
  const note = summary.note ? `\n_${mrkdwnEscape(summary.note)}_` : '';
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(`*${mrkdwnEscape(summary.label)}* — ${status}${note}`, LIMITS.sectionText) },
    accessory: {
      type: 'button',
      text: { type: 'plain_text', text: summary.status === 'configured' ? 'Change' : 'Configure' },
      action_id: `${ACTION_IDS.configureProvider}:${summary.id}`,
      value: JSON.stringify({ provider: summary.id }),
    },
  };
}

export function providerModal(summaries: ProviderSummary[], privateMetadata: string): ModalView {
  const sections = PROVIDER_CATEGORIES.flatMap((category): KnownBlock[] => [
    { type: 'header', text: { type: 'plain_text', text: CATEGORY_LABELS[category] } },
    ...summaries.filter((summary) => summary.category === category).map(providerBlock),
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
        elements: [{ type: 'mrkdwn', text: 'Generation and publishing providers for this channel. Secrets are stored encrypted and never shown again.' }],
      },
      ...sections,
    ],
  };
}
