// The provider settings modal's submit: parse, store through the service, and answer Slack with
// inline field errors or a closed modal plus what was saved, so the caller can confirm and retry.
import { z } from 'zod';
import type { ProviderSummary, ProviderServiceDeps } from '../services/providers.ts';
import { setProviderConfig } from '../services/providers.ts';
import { PROVIDER_FIELDS } from '../providers/catalog.ts';
import { fieldBlockId, parseProviderConfigSubmission, type ProviderConfigSubmission } from './views/provider-config-modal.ts';

export type ViewAck = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'clear' };

export interface SubmitOutcome {
  ack: ViewAck;
  /** What the caller may pass on (confirm in the channel, resume a run); the typed secrets stay behind. */
  saved?: Omit<ProviderConfigSubmission, 'input'> & { summary: ProviderSummary };
}

export async function submitProviderConfig(deps: ProviderServiceDeps, view: unknown, userId: string): Promise<SubmitOutcome> {
  const parsed = parseProviderConfigSubmission(view);
  if (!parsed.ok) return { ack: { response_action: 'errors', errors: { [firstBlockId(view) ?? fieldBlockId('unknown')]: parsed.message } } };
  const submission = parsed.value;
  const result = await setProviderConfig(deps, submission.program, { userId, surface: 'action' }, submission.providerId, submission.input);
  if (result.ok) {
    const { input: _typed, ...context } = submission;
    return { ack: { response_action: 'clear' }, saved: { ...context, summary: result.value } };
  }
  if (result.fieldErrors) {
    const errors = Object.fromEntries(Object.entries(result.fieldErrors).map(([field, message]) => [fieldBlockId(field), message]));
    return { ack: { response_action: 'errors', errors } };
  }
  // Slack shows errors only under an input, so a whole-form refusal (no secret key) sits under the first field.
  const first = PROVIDER_FIELDS[submission.providerId][0]?.name ?? 'unknown';
  return { ack: { response_action: 'errors', errors: { [fieldBlockId(first)]: result.message } } };
}

const ViewValuesSchema = z.object({ state: z.object({ values: z.record(z.string(), z.unknown()) }) });

/** Slack accepts an error only under a block of the view, so a malformed one still names a real block. */
function firstBlockId(view: unknown): string | undefined {
  const parsed = ViewValuesSchema.safeParse(view);
  return parsed.success ? Object.keys(parsed.data.state.values)[0] : undefined;
}
