// Reads the plan-reviewer's closing block ("VERDICT: …" and six numbered lines) into a checklist
// verdict. Items are matched by their number, in the checklist's order, so wording can vary.
import { CHECKLIST, type ChecklistVerdict } from './checklist.ts';
import { fail, ok, type Result } from './result.ts';

const LINE = /^\s*([1-6])\.\s*[^:]*:\s*(PASS|FAIL)\b\s*[—–-]?\s*(.*)$/i;

export function parseReviewerVerdict(text: string): Result<{ verdict: ChecklistVerdict; stated: 'approve' | 'reject' }> {
  const stated = /VERDICT:\s*(approve|reject)/i.exec(text)?.[1]?.toLowerCase() as 'approve' | 'reject' | undefined;
  if (stated === undefined) return fail('invalid', 'the reviewer did not end with "VERDICT: approve|reject"');
  const byNumber = new Map<number, { pass: boolean; reason: string }>();
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (match) byNumber.set(Number(match[1]), { pass: match[2]?.toUpperCase() === 'PASS', reason: (match[3] ?? '').trim() });
  }
  const verdict: ChecklistVerdict = [];
  for (const [index, item] of CHECKLIST.entries()) {
    const found = byNumber.get(index + 1);
    if (found === undefined) return fail('invalid', `the reviewer gave no verdict for item ${index + 1} (${item.text})`);
    verdict.push({ key: item.key, pass: found.pass, reason: found.reason || (found.pass ? 'passes' : 'fails, no reason given') });
  }
  return ok({ verdict, stated });
}
