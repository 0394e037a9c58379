// What changed between two versions of a plan's requirements, field by field, in words a reviewer
// reads on the new version's card ("Budget: 5k → 8k", "Channels: + email"). Pure.
import type { DeliverableOwner, Requirements } from './requirements.ts';

const LABELS: Record<keyof Requirements, string> = {
  objective: 'Objective',
  channels: 'Channels',
  boundaries: 'Boundaries',
  timeline: 'Timeline',
  budget: 'Budget',
  acceptanceCriteria: 'Acceptance criteria',
  rollbackRoute: 'Rollback route',
  owners: 'Owners',
};

const ownerText = (owner: DeliverableOwner): string => `${owner.deliverable} → ${owner.owner || '—'}`;

function listChange(label: string, before: string[], after: string[]): string[] {
  const added = after.filter((item) => !before.includes(item));
  const removed = before.filter((item) => !after.includes(item));
  if (added.length === 0 && removed.length === 0) return [];
  return [`${label}: ${[...added.map((item) => `+ ${item}`), ...removed.map((item) => `− ${item}`)].join('; ')}`];
}

function textChange(label: string, before: string, after: string): string[] {
  if (before.trim() === after.trim()) return [];
  return [`${label}: ${before.trim() || '—'} → ${after.trim() || '—'}`];
}

/** One line per changed field, in the card's order; empty when the requirements are the same. */
export function requirementsDiff(before: Requirements, after: Requirements): string[] {
  return (Object.keys(LABELS) as Array<keyof Requirements>).flatMap((field) => {
    const label = LABELS[field];
    if (field === 'owners') return listChange(label, before.owners.map(ownerText), after.owners.map(ownerText));
    const was = before[field];
    const now = after[field];
    return Array.isArray(was) && Array.isArray(now) ? listChange(label, was, now) : textChange(label, String(was), String(now));
  });
}
