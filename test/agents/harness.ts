// One agent runtime for tests: the real Anthropic SDK (through AnthropicModel) against the fake Claude
// server, the shipped prompts, and real services over an embedded store in a temp directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrompts, type PromptSet } from '../../src/agents/prompts.ts';
import { runAgent } from '../../src/agents/loop.ts';
import type { AgentOutcome, AgentRunRequest, AgentRuntime, RunLimits } from '../../src/agents/runtime.ts';
import type { AgentName } from '../../src/domain/agents.ts';
import { CHECKLIST_KEYS } from '../../src/domain/checklist.ts';
import { GATES, GATE_NAMES } from '../../src/domain/gates.ts';
import { recordReview } from '../../src/domain/plans.ts';
import type { Actor, ProgramRef } from '../../src/domain/program.ts';
import { AnthropicModel } from '../../src/llm/anthropic.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { setGate } from '../../src/services/gates.ts';
import { writeRequirements } from '../../src/services/plan-drafts.ts';
import { createPlan, decidePlan } from '../../src/services/plans.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { openRepositories } from '../../src/store/repos/index.ts';
import { FAST_RETRY, startFakeClaude, type ClaudeTurn, type FakeClaude, type ScriptedBlock } from '../support/fake-claude.ts';

export const PROGRAM: ProgramRef = { teamId: 'T0AGENTS', channelId: 'C0GROWTH' };
export const PERSON: Actor = { userId: 'U0ALICE', surface: 'slash' };
export const STRONG = 'claude-sonnet-5-5';
export const FAST = 'claude-haiku-5-5';
const NOW = new Date('2025-06-02T09:00:00Z');
const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

type RuntimeExtras = { limits?: Partial<RunLimits>; onRefusal?: AgentRuntime['onRefusal']; maxTokens?: AgentRuntime['maxTokens'] };

export interface AgentHarness {
  claude: FakeClaude;
  services: ServiceDeps;
  prompts: PromptSet;
  runtime(extra?: RuntimeExtras): AgentRuntime;
  run(agent: AgentName, input: string, options?: RuntimeExtras & Partial<Pick<AgentRunRequest, 'route' | 'expect' | 'signal'>>): Promise<AgentOutcome>;
  close(): Promise<void>;
}

export async function startAgentHarness(): Promise<AgentHarness> {
  const claude = await startFakeClaude();
  const dir = await mkdtemp(join(tmpdir(), 'ohmymkt-agents-'));
  const store: DocumentStore = await openEmbeddedStore(dir);
  const services: ServiceDeps = { repos: await openRepositories(store), clock: { now: () => NOW } };
  const prompts = await loadPrompts(PROMPTS_DIR);
  const model = new AnthropicModel({ apiKey: 'test-key', baseUrl: claude.baseUrl, retry: FAST_RETRY });
  const runtime = (extra?: RuntimeExtras): AgentRuntime => ({
    model,
    prompts,
    services,
    models: { strong: STRONG, fast: FAST },
    ...(extra?.limits ? { limits: extra.limits } : {}),
    ...(extra?.onRefusal ? { onRefusal: extra.onRefusal } : {}),
    ...(extra?.maxTokens ? { maxTokens: extra.maxTokens } : {}),
  });
  return {
    claude,
    services,
    prompts,
    runtime,
    run: (agent, input, options) =>
      runAgent(runtime(options), {
        runId: 'RUN-1',
        program: PROGRAM,
        route: options?.route ?? 'planned',
        requesterId: 'U0ALICE',
        agent,
        input,
        ...(options?.expect ? { expect: options.expect } : {}),
        ...(options?.signal ? { signal: options.signal } : {}),
      }),
    async close() {
      await claude.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const say = (text: string): ClaudeTurn => ({ content: [{ type: 'text', text }], stop_reason: 'end_turn' });

export function call(name: string, input: unknown, id?: string): ScriptedBlock {
  return { type: 'tool_use', name, input, ...(id ? { id } : {}) };
}

export const useTools = (...blocks: ScriptedBlock[]): ClaudeTurn => ({ content: blocks, stop_reason: 'tool_use' });

/** The tool_result blocks of the last user message of a recorded request. */
export function toolResults(body: Record<string, any>): Array<{ tool_use_id: string; content: string; is_error?: boolean }> {
  const last = body['messages'].at(-1);
  return Array.isArray(last?.content) ? last.content.filter((block: any) => block.type === 'tool_result') : [];
}

/** Every startup gate passing, set the way a person would. */
export async function passAllGates(services: ServiceDeps): Promise<void> {
  for (const gate of GATE_NAMES) {
    for (const [field, spec] of Object.entries(GATES[gate]?.fields ?? {})) {
      const value = spec.type === 'bool' ? 'true' : String(spec.threshold);
      const set = await setGate(services, PROGRAM, PERSON, `${gate}.${field}=${value}`);
      if (!set.ok) throw new Error(set.message);
    }
  }
}

/** A plan through review, waiting for a person's click; `approve` clicks Approve. */
export async function reviewedPlan(services: ServiceDeps, options: { approve: boolean }): Promise<string> {
  const created = await createPlan(services, PROGRAM, PERSON, 'Grow demo requests from 40 to 60 a month by 2025-09-30');
  if (!created.ok) throw new Error(created.message);
  const filled = await writeRequirements(services, PROGRAM, PERSON, created.value.id, {
    objective: 'demo requests from 40 to 60 per month by 2025-09-30',
    channels: ['organic search', 'LinkedIn'],
    boundaries: ['no paid spend above 5000 EUR'],
    timeline: '2025-06-02 → 2025-09-30',
    budget: '5000 EUR',
    acceptanceCriteria: ['demo requests ≥ 60 in September per the CRM report'],
    rollbackRoute: 'conversion drops 20% → pause new pages → tell #growth; open an incident',
    owners: [{ deliverable: 'landing pages', owner: 'Dana (content lead)' }],
  });
  if (!filled.ok) throw new Error(filled.message);
  const stored = await services.repos.plans.get(PROGRAM, filled.value.id, filled.value.version);
  if (stored === undefined) throw new Error('plan not stored');
  const verdict = CHECKLIST_KEYS.map((key) => ({ key, pass: true, reason: 'stated in the plan' }));
  const reviewed = recordReview(stored.value, verdict, NOW);
  if (!reviewed.ok || !(await services.repos.plans.replace(PROGRAM, stored.rev, reviewed.value))) throw new Error('review not stored');
  if (options.approve) {
    const approved = await decidePlan(services, PROGRAM, PERSON, { id: filled.value.id, version: filled.value.version }, { kind: 'approve' });
    if (!approved.ok) throw new Error(approved.message);
  }
  return filled.value.id;
}
