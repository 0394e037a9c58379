// The modal a Publish click opens: the approved copy as it will be posted, and which configured
// platform gets it. Only configured publish providers are offered, so a choice can always run.
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { CALLBACK_IDS } from '../ids.ts';
import { LIMITS, mrkdwnEscape, truncate, truncateMrkdwn } from '../blocks/limits.ts';

export const PLATFORM_BLOCK = 'platform';
export const PLATFORM_ACTION = 'platform_select';

export const PublishTargetSchema = z.object({
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  threadTs: z.string().min(1),
  assetId: z.string().min(1),
});
export type PublishTarget = z.infer<typeof PublishTargetSchema>;

export interface PublishChoice {
  id: string;
  label: string;
}

export function publishModal(target: PublishTarget, asset: { name: string; copy: string; media: boolean }, platforms: PublishChoice[]): ModalView {
  const copy = truncateMrkdwn(asset.copy.split('\n').map((line) => `> ${mrkdwnEscape(line)}`).join('\n'), LIMITS.sectionText - 200);
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.publishAsset,
    private_metadata: JSON.stringify(target),
    title: { type: 'plain_text', text: 'Publish asset' },
    submit: { type: 'plain_text', text: 'Publish' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${target.assetId} · ${mrkdwnEscape(asset.name)}* is posted exactly as approved (organic; a paid placement goes through a run and the review gate):`, LIMITS.sectionText) } },
      { type: 'section', text: { type: 'mrkdwn', text: copy } },
      ...(asset.media ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: 'Its approved media are attached.' }] }] : []),
      {
        type: 'input',
        block_id: PLATFORM_BLOCK,
        label: { type: 'plain_text', text: 'Platform' },
        element: {
          type: 'static_select',
          action_id: PLATFORM_ACTION,
          options: platforms.slice(0, 100).map((p) => ({ text: { type: 'plain_text' as const, text: truncate(p.label, 75) }, value: p.id })),
          ...(platforms.length === 1 && platforms[0] ? { initial_option: { text: { type: 'plain_text' as const, text: truncate(platforms[0].label, 75) }, value: platforms[0].id } } : {}),
        },
      },
    ],
  };
}

const SubmissionSchema = z.object({
  [PLATFORM_BLOCK]: z.object({ [PLATFORM_ACTION]: z.object({ selected_option: z.object({ value: z.string().min(1) }) }) }),
});

/** The platform picked in the modal, or undefined when the submission carries none. */
export function pickedPlatform(values: unknown): string | undefined {
  const parsed = SubmissionSchema.safeParse(values);
  return parsed.success ? parsed.data[PLATFORM_BLOCK][PLATFORM_ACTION].selected_option.value : undefined;
}
