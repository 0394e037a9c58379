// Remotion renders a local project with a headless browser, so it works only where the operator has
// installed one and named the render command; everywhere else it says so instead of pretending.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { ok, providerFail, type TemplateVideoProvider } from '../port.ts';

const DEFAULT_RENDER_TIMEOUT_MS = 10 * 60_000;

export function remotion(settings: FieldValues, env: AdapterEnv): TemplateVideoProvider {
  const host = env.remotion;
  return {
    async render(request) {
      if (!host) {
        return providerFail(
          'remotion',
          'unavailable',
          'Remotion is not available on this host: rendering needs a browser and a Remotion project installed by the operator',
        );
      }
      const dir = await mkdtemp(join(tmpdir(), 'ohmymkt-remotion-'));
      const out = join(dir, 'out.mp4');
      const fill = (arg: string) =>
        arg.replaceAll('{composition}', settings.compositionId ?? '').replaceAll('{props}', JSON.stringify(request.props)).replaceAll('{out}', out);
      try {
        // execFile, not a shell: props written by an agent are one argument, never a command line.
        await new Promise<void>((resolve, reject) => {
          execFile(host.command, host.args.map(fill), { cwd: host.cwd, timeout: host.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS }, (error) =>
            error ? reject(error) : resolve(),
          );
        });
        return ok({ bytes: await readFile(out), mimeType: 'video/mp4' });
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        return providerFail('remotion', 'unavailable', `Remotion render failed: ${reason}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
