// "View full plan": the whole plan in a modal, section by section, in the same words the agents are
// handed (domain/plan-text.ts). Read-only, so anyone in the channel may open it.
import type { KnownBlock, ModalView } from '@slack/types';
import { planSections } from '../../domain/plan-text.ts';
import { planLabel, type Plan } from '../../domain/plans.ts';
import { header, sectionsFromLines } from '../blocks/kit.ts';
import { LIMITS, mrkdwnEscape, truncate } from '../blocks/limits.ts';

// A modal's title takes 24 characters; the plan's own name heads the first section.
const TITLE_MAX = 24;

export function planModal(plan: Plan): ModalView {
  const blocks: KnownBlock[] = planSections(plan).flatMap((section) => [header(section.heading), ...sectionsFromLines(section.lines.map(mrkdwnEscape))]);
  const kept = blocks.length > LIMITS.modalBlocks ? [...blocks.slice(0, LIMITS.modalBlocks - 1), ...sectionsFromLines(['… the rest of the plan is cut here to fit a Slack modal.'])] : blocks;
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(planLabel(plan), TITLE_MAX) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: kept,
  };
}
