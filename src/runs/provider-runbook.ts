// The provider failure runbook (design flow 6), after a person saved a provider's settings from a
// run's Configure button: the failed call runs once more; still failing, the run goes on without that
// channel and a low incident names it.
import type { ProgramRef } from '../domain/program.ts';
import { CATEGORY_LABELS } from '../domain/providers.ts';
import { MAX_SUMMARY_LENGTH } from '../domain/incidents.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { parseJson } from '../json.ts';
import * as incidents from '../services/incidents.ts';
import type { ProviderIssue, Run } from '../domain/runs.ts';
import { MAX_CAS_ATTEMPTS } from '../store/repos/stored.ts';
import { runId, shareToolEvents } from './phases.ts';
import type { RunWorker } from './worker.ts';

export class ProviderRunbook {
  constructor(private readonly worker: RunWorker) {}

  private get repos() {
    return this.worker.deps.services.repos;
  }

  async retry(program: ProgramRef, threadTs: string, index: number, userId: string): Promise<Result<ProviderIssue>> {
    const claimed = await this.updateIssue(program, threadTs, index, (issue) =>
      issue.status === 'waiting' ? ok({ ...issue, status: 'retrying' }) : fail('conflict', `this call was already retried (${issue.status})`),
    );
    if (!claimed.ok) return claimed;
    const { run, issue } = claimed.value;
    const { thread, agents, services } = this.worker.deps;
    const retried = await agents.retryTool({
      agent: issue.agent,
      tool: issue.tool,
      // Stored by this app as JSON; unreadable input reaches the tool as nothing and is refused there.
      input: parseJson(issue.input),
      program,
      runId: runId(run),
      route: run.route,
      requesterId: run.requesterId,
    });
    const problem = retried.events.find((event) => event.type === 'provider_problem');
    await shareToolEvents(thread, run, retried.events.filter((event) => event.type === 'artifact'));
    if (problem === undefined && !retried.isError) {
      const resolved = await this.updateIssue(program, threadTs, index, (i) => ok({ ...i, status: 'resolved' }));
      await thread.post(run, { type: 'provider_fixed', by: userId, tool: issue.tool });
      return resolved.ok ? ok(resolved.value.issue) : resolved;
    }
    const why = problem?.type === 'provider_problem' ? `${problem.code}: ${problem.message}` : retried.content;
    // The provider that failed the retry, which may be the one just configured rather than the category.
    const provider = problem?.type === 'provider_problem' ? problem.provider : issue.provider;
    const opened = await incidents.open(services, program, { userId, surface: 'action', runId: runId(run) }, {
      severity: 'low',
      module: `provider:${provider}`,
      summary: clip(`${CATEGORY_LABELS[issue.category]} channel blocked: ${provider} still fails after reconfiguration (${why})`, MAX_SUMMARY_LENGTH),
    });
    const incidentId = opened.ok ? opened.value.id : undefined;
    const failed = await this.updateIssue(program, threadTs, index, (i) => ok({ ...i, status: 'failed', ...(incidentId ? { incidentId } : {}) }));
    await thread.post(run, { type: 'provider_still_failing', tool: issue.tool, why, category: issue.category, ...(incidentId ? { incidentId } : {}) });
    return failed.ok ? ok(failed.value.issue) : failed;
  }

  private async updateIssue(
    program: ProgramRef,
    threadTs: string,
    index: number,
    change: (issue: ProviderIssue) => Result<ProviderIssue>,
  ): Promise<Result<{ run: Run; issue: ProviderIssue }>> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
      const run = await this.repos.runs.get(program, threadTs);
      const issue = run?.providerIssues[index];
      if (run === undefined || issue === undefined) return fail('not_found', 'this provider problem is no longer stored with its run');
      const next = change(issue);
      if (!next.ok) return next;
      const providerIssues = run.providerIssues.map((existing, i) => (i === index ? next.value : existing));
      const saved = await this.worker.save(run, { providerIssues });
      if (saved) return ok({ run: saved, issue: next.value });
    }
    return fail('conflict', 'the run kept changing; try again');
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
