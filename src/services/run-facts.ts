// The facts of one run for its closing report: its audit entries (what changed) and its journaled
// tool answers (what was refused and why). See src/domain/run-facts.ts for why these two sources.
import type { ProgramRef } from '../domain/program.ts';
import { runFacts, type RunFacts } from '../domain/run-facts.ts';
import type { ServiceDeps } from './deps.ts';

export async function factsOfRun(deps: ServiceDeps, program: ProgramRef, runId: string, since: Date): Promise<RunFacts> {
  const [entries, calls] = await Promise.all([deps.repos.audit.list(program, since), deps.repos.stepJournal.callsOfRun(runId)]);
  const audit = entries
    .filter((row) => row.entry.actor.runId === runId)
    .map((row) => ({ action: row.entry.action, detail: row.entry.detail, ...(row.entry.actor.agent ? { agent: row.entry.actor.agent } : {}) }));
  const tools = calls.map((call) => ({
    tool: call.tool,
    input: call.input,
    isError: call.answer.isError,
    content: call.answer.content,
    ...(call.answer.refusal ? { refusal: call.answer.refusal } : {}),
  }));
  return runFacts(audit, tools);
}
