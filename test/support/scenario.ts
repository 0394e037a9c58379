// One app with Claude for a scenario: the fake Claude server, the real app pointed at it, and the
// store the scenario runs on (the harness's own embedded directory when none is given).
import { startHarness, type Harness } from './app-harness.ts';
import { startFakeClaude, type FakeClaude } from './fake-claude.ts';
import type { ScenarioStore } from './scenario-stores.ts';

export interface Scenario {
  h: Harness;
  claude: FakeClaude;
}

export async function startScenario(backing?: ScenarioStore, env: Record<string, string> = {}): Promise<Scenario> {
  const claude = await startFakeClaude();
  const h = await startHarness({
    ...(backing ? { store: await backing.open() } : {}),
    env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: claude.baseUrl, ...env },
  });
  return { h, claude };
}

export async function stopScenario({ h, claude }: Scenario, backing?: ScenarioStore): Promise<void> {
  await h.stop();
  await backing?.close();
  await claude.close();
}
