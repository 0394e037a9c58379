// The modal a Reject click opens: the reason goes back to the requirements analyst.
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { CALLBACK_IDS } from '../ids.ts';
import { LIMITS, truncate } from '../blocks/limits.ts';

export const REASON_BLOCK = 'reason';
export const REASON_ACTION = 'reason_input';
export const MAX_REJECT_REASON = 2000;

export const RejectTargetSchema = z.object({
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  threadTs: z.string().min(1),
  planId: z.string().min(1),
  version: z.number().int().min(1),
});
export type RejectTarget = z.infer<typeof RejectTargetSchema>;

export function rejectModal(target: RejectTarget, planName: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.rejectReason,
    private_metadata: JSON.stringify(target),
    title: { type: 'plain_text', text: 'Reject plan' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`Why is *${target.planId} v${target.version}* (${planName}) rejected? The requirements analyst revises the plan from your reason, and it is reviewed again.`, LIMITS.sectionText) } },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: { type: 'plain_text', text: 'Reason' },
        element: { type: 'plain_text_input', action_id: REASON_ACTION, multiline: true, min_length: 3, max_length: MAX_REJECT_REASON },
      },
    ],
  };
}

const SubmissionSchema = z.object({
  [REASON_BLOCK]: z.object({ [REASON_ACTION]: z.object({ value: z.string().trim().min(3).max(MAX_REJECT_REASON) }) }),
});

/** The reason typed in the modal, or undefined when the submission does not carry one. */
export function rejectReason(values: unknown): string | undefined {
  const parsed = SubmissionSchema.safeParse(values);
  return parsed.success ? parsed.data[REASON_BLOCK][REASON_ACTION].value : undefined;
}
