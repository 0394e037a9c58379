// Generation, publishing and provider tools over the configured providers. A missing or broken
// provider is a normal answer, not an error: the asset stays planned, the run is told (so a person is
// asked to configure it and the call is retried once), and the agent carries on without that channel.
import { z } from 'zod';
import type { Asset, AssetFormat, AssetType } from '../../domain/assets.ts';
import { CATEGORY_LABELS, PROVIDER_CATEGORIES, PROVIDERS, type ProviderCategory } from '../../domain/providers.ts';
import { fail, ok } from '../../domain/result.ts';
import type { GeneratedMedia, ProviderFailure } from '../../providers/port.ts';
import type { PublisherId } from '../../providers/registry.ts';
import * as assets from '../../services/assets.ts';
import * as providers from '../../services/providers.ts';
import { keepGeneratedMedia, publishAsset } from '../../services/publishing.ts';
import { caseless, defineTool, type ToolContext } from './types.ts';

const ASPECTS = ['1:1', '16:9', '9:16', '4:5'] as const;

/** The manifest entry a generation writes to; a retried call reuses its planned entry instead of adding another. */
async function plannedAsset(context: ToolContext, type: AssetType, format: AssetFormat, name: string, notes: string): Promise<Asset> {
  const { services, program, actor } = context;
  const existing = (await assets.listAssets(services, program)).find((a) => a.type === type && a.name === name && a.status === 'planned');
  if (existing) return existing;
  const added = await assets.addAsset(services, program, actor, { type, name, format, notes });
  if (!added.ok) throw new Error(`a planned asset is always accepted, yet: ${added.message}`);
  return added.value;
}

function providerProblem(context: ToolContext, tool: 'ohmymkt_generate_image' | 'ohmymkt_generate_video' | 'ohmymkt_publish', input: unknown, category: ProviderCategory, failure: ProviderFailure, assetId: string) {
  context.report?.({ type: 'provider_problem', agent: context.agent, tool, input, category, provider: failure.provider, code: failure.code, message: failure.message });
  const options = PROVIDERS.filter((provider) => provider.category === category).map((provider) => provider.label);
  const what = failure.code === 'not_configured' ? `No ${CATEGORY_LABELS[category].toLowerCase()} provider is configured (supported: ${options.join(', ')})` : `The ${failure.provider} provider failed (${failure.code}): ${failure.message}`;
  return ok({
    status: `provider_${failure.code}`,
    category,
    provider: failure.provider,
    asset_id: assetId,
    message: `${what}. A person has been asked to configure it with \`/ohmymkt provider\` and the call will be retried once; agents never handle provider secrets. Continue without this channel and say so in your report.`,
  });
}

async function generated(context: ToolContext, asset: Asset, media: GeneratedMedia & { provider: string }) {
  // Bytes a provider answered with are kept (not only uploaded to Slack), so a post can carry this very file.
  const location = 'url' in media ? media.url : await keepGeneratedMedia(context.services, context.program, asset.id, media);
  const updated = await assets.updateAsset(context.services, context.program, context.actor, asset.id, { status: 'draft', location });
  if (!updated.ok) return updated;
  context.report?.({ type: 'artifact', assetId: asset.id, name: asset.name, media });
  return ok({ status: 'generated', asset_id: asset.id, provider: media.provider, location, asset_status: 'draft' });
}

export const generateImage = defineTool({
  name: 'ohmymkt_generate_image',
  description:
    'Generate an image through the configured image provider and record it in the asset manifest under the given name ' +
    '(as a draft, shared in the thread). When no provider works the asset stays planned and the result says so.',
  input: z.strictObject({
    prompt: z.string().trim().min(1).max(4000),
    name: z.string().trim().min(1).max(200).describe('matches the manifest entry'),
    style: z.string().trim().max(200).optional(),
    aspect: z.enum(ASPECTS).optional(),
    size: z.string().trim().max(40).optional().describe('e.g. 1024x1024'),
    negative_prompt: z.string().trim().max(2000).optional(),
  }),
  async run(input, context) {
    const notes = [`prompt: ${input.prompt}`, input.style && `style: ${input.style}`, input.aspect && `aspect: ${input.aspect}`,
      input.size && `size: ${input.size}`, input.negative_prompt && `negative: ${input.negative_prompt}`].filter(Boolean).join('\n');
    const asset = await plannedAsset(context, 'image', 'image', input.name, notes);
    const result = await providers.generateImage(context.services, context.program, {
      prompt: input.prompt,
      aspect: input.aspect ?? '1:1',
      ...(input.style ? { style: input.style } : {}),
      ...(input.size ? { size: input.size } : {}),
      ...(input.negative_prompt ? { negativePrompt: input.negative_prompt } : {}),
    });
    return result.ok ? generated(context, asset, result.value) : providerProblem(context, 'ohmymkt_generate_image', input, 'image', result, asset.id);
  },
});

const VIDEO_ASPECTS = ['16:9', '9:16', '1:1'] as const;

export const generateVideo = defineTool({
  name: 'ohmymkt_generate_video',
  description:
    'Generate an AI video (from a prompt, or from an image asset) through the configured video provider, or render the ' +
    "host's Remotion template with template_props, and record it in the asset manifest (as a draft, shared in the thread). " +
    'When no provider works the asset stays planned and the result says so.',
  input: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      prompt: z.string().trim().max(4000).optional(),
      source_image_asset_id: z.string().optional().describe('AST-n of an image to animate'),
      duration_seconds: z.number().int().min(1).max(60).optional(),
      aspect: z.enum(VIDEO_ASPECTS).optional(),
      template_props: z.record(z.string(), z.unknown()).optional().describe("render the Remotion template with these input props instead of AI video"),
    })
    .refine((input) => (input.prompt ?? '') !== '' || input.source_image_asset_id !== undefined || input.template_props !== undefined, {
      path: ['prompt'],
      message: 'give a prompt, a source_image_asset_id or template_props',
    }),
  async run(input, context) {
    if (input.template_props !== undefined) {
      const asset = await plannedAsset(context, 'video', 'video', input.name, `template props: ${JSON.stringify(input.template_props).slice(0, 1000)}`);
      const rendered = await providers.renderTemplateVideo(context.services, context.program, { props: input.template_props });
      return rendered.ok
        ? generated(context, asset, { ...rendered.value, provider: 'remotion' })
        : providerProblem(context, 'ohmymkt_generate_video', input, 'video_template', rendered, asset.id);
    }
    let imageUrl: string | undefined;
    if (input.source_image_asset_id) {
      const source = await assets.getAsset(context.services, context.program, input.source_image_asset_id);
      if (!source.ok) return source;
      if (!source.value.location?.startsWith('https://')) return fail('invalid', `${source.value.id} has no public image URL to animate`);
      imageUrl = source.value.location;
    }
    const notes = [input.prompt && `prompt: ${input.prompt}`, input.source_image_asset_id && `from image: ${input.source_image_asset_id}`,
      input.duration_seconds && `duration: ${input.duration_seconds}s`, input.aspect && `aspect: ${input.aspect}`].filter(Boolean).join('\n');
    const asset = await plannedAsset(context, 'video', 'video', input.name, notes);
    const result = await providers.generateVideo(context.services, context.program, {
      prompt: input.prompt ?? '',
      aspect: input.aspect ?? '16:9',
      ...(imageUrl ? { imageUrl } : {}),
      ...(input.duration_seconds ? { durationSeconds: input.duration_seconds } : {}),
    });
    return result.ok ? generated(context, asset, result.value) : providerProblem(context, 'ohmymkt_generate_video', input, 'video', result, asset.id);
  },
});

const PLATFORMS = PROVIDERS.filter((provider) => provider.category === 'publish').map((provider) => provider.id) as [PublisherId, ...PublisherId[]];

export const publish = defineTool({
  name: 'ohmymkt_publish',
  description:
    `Publish one approved asset to one platform (${PLATFORMS.join(', ')}) and mark it published. The post is the copy a ` +
    'person approved in the asset\'s notes; attached media must be approved assets too. A paid placement needs an ' +
    'approved, current plan (review gate); any publishing is refused while a high incident is open.',
  input: z.strictObject({
    asset_id: z.string().min(1).describe('AST-n of an approved asset'),
    platform: caseless(PLATFORMS),
    placement: z.enum(['organic', 'paid']).describe('paid = sponsored / promoted / ads, needs an approved plan'),
    text: z.string().trim().min(1).max(10_000).optional().describe("leave out to post the approved copy (the asset's notes); if given, it must be that copy"),
    media_asset_ids: z.array(z.string()).max(10).optional().describe('approved (or already published) image or video assets to attach'),
    metadata: z.record(z.string(), z.string()).optional().describe('platform fields, e.g. title, subject, tags'),
    plan_id: z.string().optional().describe('PLAN-n the paid spend belongs to; default: the latest approved plan'),
  }),
  async run(input, context) {
    const { services, program, actor } = context;
    const platform = input.platform as PublisherId;
    const outcome = await publishAsset(services, program, actor, {
      assetId: input.asset_id,
      platform,
      placement: input.placement,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.media_asset_ids ? { mediaAssetIds: input.media_asset_ids } : {}),
      ...(input.metadata ? { metadata: input.metadata } : {}),
      ...(input.plan_id ? { planId: input.plan_id } : {}),
    });
    if (!outcome.ok) return outcome;
    if (outcome.value.kind === 'provider_problem') return providerProblem(context, 'ohmymkt_publish', input, 'publish', outcome.value.failure, outcome.value.asset.id);
    const { publication, attached, leftOut } = outcome.value;
    // A post whose platform dropped some media is out, but not as approved: say so instead of "published".
    return ok({
      status: leftOut.length > 0 ? 'published_without_some_media' : 'published',
      asset_id: outcome.value.asset.id,
      platform,
      post_id: publication.id,
      url: publication.url,
      media_attached: attached,
      ...(leftOut.length > 0 ? { media_left_out: leftOut } : {}),
      published_to: (outcome.value.asset.publications ?? []).map((p) => p.platform),
    });
  },
});

export const providerConfig = defineTool({
  name: 'ohmymkt_provider_config',
  description:
    'Generation and publishing providers. list: every supported provider with its status. read: this channel\'s ' +
    'configuration by category (secrets only masked). set is done by a person with `/ohmymkt provider`, never by an agent.',
  input: z.strictObject({ action: z.enum(['list', 'read', 'set']), category: z.enum(PROVIDER_CATEGORIES).optional() }),
  async run(input, { services, program }) {
    if (input.action === 'set') {
      return fail('forbidden', 'providers are configured by a person with `/ohmymkt provider` (the secret goes into a Slack modal, never through an agent)');
    }
    const categories = input.category ? [input.category] : PROVIDER_CATEGORIES;
    const summaries = (await providers.listProviderConfigs(services, program)).filter((summary) => categories.includes(summary.category));
    if (input.action === 'list') return ok(summaries.map(({ id, label, category, status, note }) => ({ id, label, category, status, ...(note ? { note } : {}) })));
    return ok(summaries.filter((summary) => summary.status === 'configured'));
  },
});
