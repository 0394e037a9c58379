// The modal where a person enters one provider's settings for the channel, and the pure reading of
// its submission. Secrets are typed in, never shown back: a stored one appears only masked.
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { ProgramRefSchema } from '../../domain/program.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { isProviderId, PROVIDER_FIELDS, type FieldSpec, type ProviderId } from '../../providers/catalog.ts';
import type { ProviderSummary } from '../../services/providers.ts';
import { LIMITS, mrkdwnEscape, truncate } from '../blocks/limits.ts';
import { CALLBACK_IDS } from '../ids.ts';

const FIELD_BLOCK_PREFIX = 'field:';
const INPUT_ACTION_ID = 'value';

export const fieldBlockId = (field: string) => `${FIELD_BLOCK_PREFIX}${field}`;

const MetadataSchema = z.object({
  program: ProgramRefSchema,
  providerId: z.string().min(1),
  /** Opaque context handed back on submit, e.g. the run to retry once the provider is fixed. */
  resume: z.record(z.string(), z.string()).optional(),
});
export type ProviderModalMetadata = z.infer<typeof MetadataSchema>;

function fieldBlock(spec: FieldSpec, summary: ProviderSummary): InputBlock {
  const shown = summary.values[spec.name];
  const keepsStored = spec.secret && shown !== undefined;
  // A secret's hint sits in its empty box; a setting shows its value there, so its hint goes below.
  const placeholder = spec.secret ? (keepsStored ? `${shown} is stored; leave empty to keep it` : spec.hint) : undefined;
  const hint = spec.secret ? undefined : spec.hint;
  return {
    type: 'input',
    block_id: fieldBlockId(spec.name),
    optional: !spec.required || keepsStored,
    label: { type: 'plain_text', text: spec.secret ? `${spec.label} (secret)` : spec.label },
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION_ID,
      max_length: LIMITS.plainTextInputMaxLength,
      ...(!spec.secret && shown !== undefined ? { initial_value: shown } : {}),
      ...(placeholder ? { placeholder: { type: 'plain_text' as const, text: placeholder } } : {}),
    },
    ...(hint ? { hint: { type: 'plain_text' as const, text: hint } } : {}),
  };
}

export function providerConfigModal(summary: ProviderSummary, metadata: ProviderModalMetadata): ModalView {
  const specs: FieldSpec[] = PROVIDER_FIELDS[summary.id];
  const intro: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${mrkdwnEscape(summary.label)}* for this channel${summary.note ? `\n_${mrkdwnEscape(summary.note)}_` : ''}` },
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Secrets are stored encrypted and never shown again; only their last characters appear, masked.' }],
    },
  ];
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.providerConfig,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: truncate(summary.label, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [...intro, ...specs.map((spec) => fieldBlock(spec, summary))],
  };
}

const SubmissionSchema = z.object({
  callback_id: z.literal(CALLBACK_IDS.providerConfig),
  private_metadata: z.string(),
  state: z.object({
    values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).loose())),
  }),
});

export interface ProviderConfigSubmission {
  program: ProviderModalMetadata['program'];
  providerId: ProviderId;
  /** Field name → what was typed, trimmed; empty fields are left out. */
  input: Record<string, string>;
  resume?: Record<string, string>;
}

/** Reads a view_submission's view; anything not shaped like our modal is refused, never guessed at. */
export function parseProviderConfigSubmission(view: unknown): Result<ProviderConfigSubmission> {
  const parsed = SubmissionSchema.safeParse(view);
  if (!parsed.success) return fail('invalid', 'This is not a provider settings submission');
  let metadata: ProviderModalMetadata;
  try {
    const read = MetadataSchema.safeParse(JSON.parse(parsed.data.private_metadata));
    if (!read.success) return fail('invalid', 'The provider settings modal lost its channel; open it again');
    metadata = read.data;
  } catch {
    return fail('invalid', 'The provider settings modal lost its channel; open it again');
  }
  if (!isProviderId(metadata.providerId)) return fail('not_found', `"${metadata.providerId}" is not a provider ohmymkt supports`);
  const input: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(parsed.data.state.values)) {
    if (!blockId.startsWith(FIELD_BLOCK_PREFIX)) continue;
    const value = actions[INPUT_ACTION_ID]?.value?.trim();
    if (value) input[blockId.slice(FIELD_BLOCK_PREFIX.length)] = value;
  }
  return ok({ program: metadata.program, providerId: metadata.providerId, input, ...(metadata.resume ? { resume: metadata.resume } : {}) });
}
