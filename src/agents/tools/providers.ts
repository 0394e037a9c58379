// Generation, publishing and provider tools. Provider adapters arrive later, so every call records its
// asset in the manifest and answers, as a normal result, which provider category a person must configure.
import { z } from 'zod';
import { CATEGORY_LABELS, PROVIDER_CATEGORIES, PROVIDERS, type ProviderCategory } from '../../domain/providers.ts';
import { fail, ok } from '../../domain/result.ts';
import { authorizeAction } from '../../domain/review-gate.ts';
import * as assets from '../../services/assets.ts';
import { caseless, defineTool } from './types.ts';

// The provider configuration store (secrets from the Slack modal, encrypted) and the adapters are a later
// issue: until then no provider is configured, and saying so is the tools' normal answer.
function notConfigured(category: ProviderCategory, assetId: string, next: string) {
  const options = PROVIDERS.filter((provider) => provider.category === category).map((provider) => provider.label);
  return ok({
    status: 'provider_not_configured',
    category,
    asset_id: assetId,
    message:
      `No ${CATEGORY_LABELS[category].toLowerCase()} provider is configured for this workspace (supported: ${options.join(', ')}). ` +
      `A person must configure one with \`/ohmymkt provider\`; agents never handle provider secrets. ${next}`,
  });
}

const ASPECTS = ['1:1', '16:9', '9:16', '4:5'] as const;

export const generateImage = defineTool({
  name: 'ohmymkt_generate_image',
  description:
    'Generate an image through the configured image provider and record it in the asset manifest under the given name. ' +
    'When no provider is configured the asset stays planned and the result says what a person must configure.',
  input: z.strictObject({
    prompt: z.string().trim().min(1).max(4000),
    name: z.string().trim().min(1).max(200).describe('matches the manifest entry'),
    style: z.string().trim().max(200).optional(),
    aspect: z.enum(ASPECTS).optional(),
    size: z.string().trim().max(40).optional().describe('e.g. 1024x1024'),
    negative_prompt: z.string().trim().max(2000).optional(),
  }),
  async run(input, { services, program, actor }) {
    const notes = [`prompt: ${input.prompt}`, input.style && `style: ${input.style}`, input.aspect && `aspect: ${input.aspect}`,
      input.size && `size: ${input.size}`, input.negative_prompt && `negative: ${input.negative_prompt}`].filter(Boolean).join('\n');
    const asset = await assets.addAsset(services, program, actor, { type: 'image', name: input.name, format: 'image', notes });
    return notConfigured('image', asset.id, 'Report the missing image and continue with the text work.');
  },
});

export const generateVideo = defineTool({
  name: 'ohmymkt_generate_video',
  description:
    'Generate an AI video (from a prompt, or from an image asset) through the configured video provider and record it in ' +
    'the asset manifest. When no provider is configured the asset stays planned and the result says what a person must configure.',
  input: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      prompt: z.string().trim().max(4000).optional(),
      source_image_asset_id: z.string().optional().describe('AST-n of an image to animate'),
      duration_seconds: z.number().int().min(1).max(60).optional(),
      aspect: z.enum(ASPECTS).optional(),
    })
    .refine((input) => (input.prompt ?? '') !== '' || input.source_image_asset_id !== undefined, {
      path: ['prompt'],
      message: 'give a prompt or a source_image_asset_id',
    }),
  async run(input, { services, program, actor }) {
    const notes = [input.prompt && `prompt: ${input.prompt}`, input.source_image_asset_id && `from image: ${input.source_image_asset_id}`,
      input.duration_seconds && `duration: ${input.duration_seconds}s`, input.aspect && `aspect: ${input.aspect}`].filter(Boolean).join('\n');
    const asset = await assets.addAsset(services, program, actor, { type: 'video', name: input.name, format: 'video', notes });
    return notConfigured('video', asset.id, 'Report the missing video and continue without it.');
  },
});

const PLATFORMS = PROVIDERS.filter((provider) => provider.category === 'publish').map((provider) => provider.id) as [string, ...string[]];

export const publish = defineTool({
  name: 'ohmymkt_publish',
  description:
    `Publish one approved asset to one platform (${PLATFORMS.join(', ')}) and mark it published. A paid placement needs an ` +
    'approved, current plan (review gate); any publishing is refused while a high incident is open.',
  input: z.strictObject({
    asset_id: z.string().min(1).describe('AST-n of an approved asset'),
    platform: caseless(PLATFORMS),
    placement: z.enum(['organic', 'paid']).describe('paid = sponsored / promoted / ads, needs an approved plan'),
    text: z.string().trim().min(1).max(10_000),
    media_asset_ids: z.array(z.string()).max(10).optional(),
    metadata: z.record(z.string(), z.string()).optional().describe('platform fields, e.g. title, subject, tags'),
    plan_id: z.string().optional().describe('PLAN-n the paid spend belongs to; default: the latest approved plan'),
  }),
  async run(input, { services, program, actor }) {
    const [plans, incidents] = await Promise.all([services.repos.plans.list(program), services.repos.incidents.list(program)]);
    const allowed = authorizeAction(input.placement === 'paid' ? 'publish_paid' : 'publish', {
      plans,
      incidents,
      ...(input.plan_id ? { planId: input.plan_id } : {}),
    });
    if (!allowed.ok) return allowed;
    const asset = await assets.getAsset(services, program, input.asset_id);
    if (!asset.ok) return asset;
    if (asset.value.status !== 'approved') {
      return fail('conflict', `${asset.value.id} is ${asset.value.status}; only an approved asset is published`);
    }
    const noted = await assets.updateAsset(services, program, actor, asset.value.id, {
      notes: [asset.value.notes, `publish to ${input.platform} (${input.placement}) waiting for a configured provider`].filter(Boolean).join('\n'),
    });
    if (!noted.ok) return noted;
    return notConfigured('publish', asset.value.id, 'The asset stays approved and unpublished; continue without this channel.');
  },
});

export const providerConfig = defineTool({
  name: 'ohmymkt_provider_config',
  description:
    'Generation and publishing providers. list: every supported provider with its status. read: this workspace\'s ' +
    'configuration by category (secrets never shown). set is done by a person with `/ohmymkt provider`, never by an agent.',
  input: z.strictObject({ action: z.enum(['list', 'read', 'set']), category: z.enum(PROVIDER_CATEGORIES).optional() }),
  async run(input) {
    if (input.action === 'set') {
      return fail('forbidden', 'providers are configured by a person with `/ohmymkt provider` (the secret goes into a Slack modal, never through an agent)');
    }
    const categories = input.category ? [input.category] : PROVIDER_CATEGORIES;
    if (input.action === 'list') {
      return ok(PROVIDERS.filter((provider) => categories.includes(provider.category)).map((provider) => ({ ...provider, status: 'not_configured' })));
    }
    return ok(categories.map((category) => ({ category, label: CATEGORY_LABELS[category], status: 'not_configured', configured: [] })));
  },
});
