// Content tools: positioning angles (one selected per channel) and the asset manifest.
import { z } from 'zod';
import { ASSET_FORMATS, ASSET_STATUSES, ASSET_TYPES } from '../../domain/assets.ts';
import type { Asset } from '../../domain/assets.ts';
import { ok, type Result } from '../../domain/result.ts';
import * as assets from '../../services/assets.ts';
import { listAngles, saveAngleFor } from '../../services/positioning.ts';
import { caseless, defineTool, requireForAction } from './types.ts';

const Line = z.string().trim().min(1).max(500);

export const savePositioning = defineTool({
  name: 'ohmymkt_save_positioning',
  description:
    'Positioning angles of this channel. save: name, statement, headline, proof_points, risks, per-criterion scores ' +
    '(0-10, e.g. clarity, differentiation, proof, audience_fit, risk), selected, rationale. Saving an existing name replaces ' +
    'it; selecting an angle unselects the others (a selected angle needs a rationale). list: every angle.',
  input: z
    .strictObject({
      action: z.enum(['save', 'list']),
      name: z.string().trim().max(120).optional(),
      statement: z.string().trim().max(2000).optional(),
      headline: Line.optional(),
      proof_points: z.array(Line).max(20).optional(),
      risks: z.array(Line).max(20).optional(),
      scores: z.record(z.string().trim().min(1).max(60), z.number().min(0).max(10)).optional(),
      selected: z.boolean().optional(),
      rationale: z.string().trim().max(2000).optional(),
    })
    .superRefine(requireForAction({ save: ['name', 'statement'] })),
  async run(input, { services, program, actor }) {
    if (input.action === 'list') return ok(await listAngles(services, program));
    const { action: _action, name, statement, proof_points, ...rest } = input;
    return saveAngleFor(services, program, actor, {
      ...rest,
      name: name ?? '',
      statement: statement ?? '',
      ...(proof_points ? { proofPoints: proof_points } : {}),
    });
  },
});

export const assetManifest = defineTool({
  name: 'ohmymkt_asset_manifest',
  description:
    'The asset manifest of this channel. add: type, name, format (text|image|video), optional location and notes; starts ' +
    'as planned (or draft, or review). update: AST-n with a new status (planned → draft → review, one step at a time, or ' +
    'back to draft), location, notes or name. Moving an asset to review posts it in the thread for a person to approve; ' +
    'only that person\'s click makes it approved. list: every asset.',
  input: z
    .strictObject({
      action: z.enum(['add', 'update', 'list']),
      id: z.string().optional().describe('AST-n, for update'),
      type: caseless(ASSET_TYPES).optional(),
      name: z.string().trim().max(200).optional(),
      format: caseless(ASSET_FORMATS).optional(),
      status: caseless(ASSET_STATUSES).optional(),
      location: z.string().trim().max(2000).optional().describe('URL or path where the asset lives'),
      notes: z.string().trim().max(8000).optional(),
    })
    .superRefine(requireForAction({ add: ['type', 'name', 'format'], update: ['id'] })),
  async run(input, { services, program, actor, report }) {
    const { action, id, type, name, format, ...rest } = input;
    if (action === 'list') return ok(await assets.listAssets(services, program));
    let saved: Result<Asset>;
    if (action === 'update') {
      saved = await assets.updateAsset(services, program, actor, id ?? '', { ...(name ? { name } : {}), ...rest });
    } else {
      if (type === undefined || format === undefined || name === undefined) throw new Error('checked by the input schema');
      saved = await assets.addAsset(services, program, actor, { type, name, format, ...rest });
    }
    // Every call that asks for review posts a card, also for an asset already in review: after a crash
    // the resumed agent asks again, and its card must not have been lost with the process. A notes-only
    // save does not ask again. A second card is harmless: the first decision wins, later clicks are told so.
    if (saved.ok && rest.status === 'review') report?.({ type: 'asset_review', asset: saved.value });
    return saved;
  },
});
