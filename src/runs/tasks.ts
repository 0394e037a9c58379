// The words each agent is handed for its phase, built from stored state so a resumed run asks the
// same thing a fresh one would.
import { planText } from '../domain/plan-text.ts';
import type { Plan } from '../domain/plans.ts';
import type { RunFacts } from '../domain/run-facts.ts';
import type { Run } from '../domain/runs.ts';

// People are named by their Slack ids in plain words: how a mention looks in Slack is the renderer's business.
function personOf(run: Run, userId: string): string {
  return userId === run.requesterId ? 'the requester' : `Slack user ${userId}`;
}

function answers(run: Run): string {
  if (run.answers.length === 0) return '';
  return `\n\nAnswers from the thread:\n${run.answers.map((a) => `- ${personOf(run, a.userId)}: ${a.text}`).join('\n')}`;
}

function feedback(run: Run): string {
  return run.feedback.length === 0 ? '' : `\n\nFix these before the next review:\n${run.feedback.map((f) => `- ${f}`).join('\n')}`;
}

export function framingTask(run: Run): string {
  const path =
    run.route === 'ultrawork'
      ? 'FRAME — route: ultrawork (marketing template). Write the brief execution-manager will get: objective, channels, the first moves.'
      : 'FRAME — route: planned. Write the brief requirements-analyst will get: what is being asked and what the checklist will need.';
  return `${path}\n${run.routeNote}\n\nRequest from the requester (Slack user ${run.requesterId}):\n${run.request}`;
}

/** `facts`: what the app recorded this run changing and refusing, so the summary agrees with the record. */
export function closingTask(run: Run, facts?: RunFacts): string {
  const recorded = facts
    ? `\n\nWhat the app recorded (the report lists this above your words; do not claim anything else was done):\n` +
      (facts.changes.length > 0 ? facts.changes.map((c) => `- changed: ${c}`).join('\n') : '- nothing was changed') +
      (facts.refused.length > 0 ? `\n${facts.refused.map((r) => `- ${r}`).join('\n')}` : '')
    : '';
  return `CLOSE — the run is over. Close it with your report.\n\nRequest from the requester (Slack user ${run.requesterId}):\n${run.request}\n\nWhat execution reported:\n${run.summary ?? 'nothing was executed'}${recorded}`;
}

export function analystTask(run: Run, plan: Plan): string {
  return [
    `Fill the requirements of plan ${plan.id} v${plan.version} (use ohmymkt_plan_growth with plan_id "${plan.id}" and the requirements).`,
    `If a checklist item cannot be filled from what is known, ask the person with ask_in_thread.`,
    `\nRequest:\n${run.request}`,
    `\nThe plan as it stands:\n${planText(plan)}`,
  ].join('\n') + feedback(run) + answers(run);
}

export function reviewerTask(plan: Plan): string {
  return `Review plan ${plan.id} v${plan.version} against the six-item checklist, then hand over your verdict with submit_review.\n\n${planText(plan)}`;
}

export function executionTask(run: Run, plan: Plan | undefined): string {
  const packet = plan
    ? `Approved packet: plan ${plan.id} v${plan.version}.\n\n${planText(plan)}`
    : `Ultrawork request (no plan yet; high-cost actions will ask for approval):\n${run.request}`;
  const brief = run.summary ? `\n\nBrief from growth-manager:\n${run.summary}` : '';
  return `Sequence and delegate the work, then report what was done.\n\n${packet}${brief}${answers(run)}`;
}
