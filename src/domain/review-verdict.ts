// The plan-reviewer's verdict as typed data: one finding per checklist item, keyed by the item, plus the
// notes a person reads (sequencing, launch readiness, incidents). The reviewer hands it over through the
// `submit_review` tool, so the app never reads a verdict out of prose.
import { z } from 'zod';
import { CHECKLIST, type ChecklistKey, type ChecklistVerdict } from './checklist.ts';

const Finding = z.strictObject({
  pass: z.boolean(),
  reason: z.string().trim().min(1).max(600),
});

const findings = Object.fromEntries(CHECKLIST.map((item) => [item.key, Finding.describe(item.text)])) as Record<ChecklistKey, typeof Finding>;

export const ReviewSubmissionSchema = z.strictObject({
  verdict: z.enum(['approve', 'reject']).describe('approve only when all six items pass'),
  items: z.strictObject(findings).describe('one finding per checklist item, each with the reason'),
  sequencing: z.string().trim().max(600).optional().describe('"ok", or what is out of order and the fix'),
  launch_readiness: z.string().trim().max(600).optional().describe('gates passing, and each failing gate with its reason and owner'),
  incidents: z.string().trim().max(300).optional().describe('"none open", or the open ids and severities'),
});
export type ReviewSubmission = z.infer<typeof ReviewSubmissionSchema>;

/** The checklist verdict in checklist order, and the verdict the reviewer stated. */
export function checklistVerdictOf(submission: ReviewSubmission): { verdict: ChecklistVerdict; stated: 'approve' | 'reject' } {
  const verdict = CHECKLIST.map((item) => ({ key: item.key, ...submission.items[item.key] }));
  return { verdict, stated: submission.verdict };
}

/** The review as a person reads it in the thread: plain lines, one per item. */
export function reviewLines(submission: ReviewSubmission): string[] {
  return [
    `Verdict: ${submission.verdict}`,
    ...CHECKLIST.map((item, i) => {
      const finding = submission.items[item.key];
      return `${i + 1}. ${item.text}: ${finding.pass ? 'PASS' : 'FAIL'} — ${finding.reason}`;
    }),
    ...(submission.sequencing ? [`Sequencing: ${submission.sequencing}`] : []),
    ...(submission.launch_readiness ? [`Launch readiness: ${submission.launch_readiness}`] : []),
    ...(submission.incidents ? [`Incidents: ${submission.incidents}`] : []),
  ];
}
