// The one welcome ohmymkt posts when it is added to a channel: what it does, and three first requests
// as buttons. A button starts a run as the person who clicked, or first asks them for the one detail
// the request needs (a modal).
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { ACTION_IDS, CALLBACK_IDS } from '../ids.ts';
import { context, header, message, section, type Message } from './kit.ts';
import { LIMITS } from './limits.ts';

export interface Suggestion {
  id: 'demand-gen' | 'competitors' | 'launch';
  label: string;
  /** The request as the person would have typed it; `{detail}` is filled from the modal when asked. */
  request: string;
  /** When set, the modal asks this before the run starts. */
  detail?: { label: string; placeholder: string };
}

export const SUGGESTIONS: readonly Suggestion[] = [
  {
    id: 'competitors',
    label: 'Profile our competitors',
    request: 'Profile our three main competitors and show where our positioning differs',
  },
  {
    id: 'demand-gen',
    label: 'Plan a 30-day demand-gen push',
    request: 'Plan a 30-day demand-gen pipeline for {detail}',
    detail: { label: 'What do you sell, and to whom?', placeholder: 'e.g. a B2B invoicing tool for agencies of 10–50 people' },
  },
  {
    id: 'launch',
    label: 'Plan a product launch',
    request: 'Plan the launch of {detail}: channels, assets and a timeline',
    detail: { label: 'What is launching, and when?', placeholder: 'e.g. our Slack integration, first week of March' },
  },
];

export const SuggestionIdSchema = z.enum(['demand-gen', 'competitors', 'launch']);

export function suggestion(id: Suggestion['id']): Suggestion {
  return SUGGESTIONS.find((s) => s.id === id) as Suggestion;
}

export function welcomeMessage(): Message {
  return message('ohmymkt is here: growth operations run by Claude agents in this channel', [
    header('ohmymkt joined this channel'),
    section(
      'I run this channel as a growth program. Mention *@ohmymkt* with an objective and a team of agents works on it in the thread: it asks what is missing, writes a plan for a person to approve before anything high-impact runs, then does the work and reports. Put `ulw` in a request to skip the plan.',
    ),
    section('*Try a first request* (it starts as you, in a thread of this channel):'),
    {
      type: 'actions',
      block_id: 'welcome:suggestions',
      elements: SUGGESTIONS.map((s) => ({ type: 'button' as const, text: { type: 'plain_text' as const, text: s.label, emoji: true }, action_id: `${ACTION_IDS.suggestRequest}:${s.id}`, value: s.id })),
    },
    context(['`/ohmymkt help` lists the commands · `/ohmymkt approvers add @someone` names who approves plans here']),
  ]);
}

export const DETAIL_BLOCK = 'detail';
export const DETAIL_ACTION = 'detail_input';
const MAX_DETAIL = 500;

export const DetailTargetSchema = z.object({ teamId: z.string().min(1), channelId: z.string().min(1), suggestion: SuggestionIdSchema });
export type DetailTarget = z.infer<typeof DetailTargetSchema>;

export function detailModal(target: DetailTarget): ModalView {
  const chosen = suggestion(target.suggestion);
  const detail = chosen.detail ?? { label: 'Detail', placeholder: '' };
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.suggestionDetail,
    private_metadata: JSON.stringify(target),
    title: { type: 'plain_text', text: 'First request' },
    submit: { type: 'plain_text', text: 'Start' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`*${chosen.label}*: one detail and the run starts in the channel, as you.`),
      {
        type: 'input',
        block_id: DETAIL_BLOCK,
        label: { type: 'plain_text', text: detail.label.slice(0, LIMITS.inputLabel) },
        element: { type: 'plain_text_input', action_id: DETAIL_ACTION, min_length: 3, max_length: MAX_DETAIL, placeholder: { type: 'plain_text', text: detail.placeholder } },
      },
    ],
  };
}

const DetailSchema = z.object({ [DETAIL_BLOCK]: z.object({ [DETAIL_ACTION]: z.object({ value: z.string().trim().min(3).max(MAX_DETAIL) }) }) });

export function detailOf(values: unknown): string | undefined {
  const parsed = DetailSchema.safeParse(values);
  return parsed.success ? parsed.data[DETAIL_BLOCK][DETAIL_ACTION].value : undefined;
}

/** The request a suggestion starts, with the person's detail in place. */
export function suggestedRequest(chosen: Suggestion, detail?: string): string {
  return chosen.request.replace('{detail}', detail ?? '');
}
