// The asset manifest of a program: assets are added as planned and move through draft, review,
// approval and publication; generation and publishing tools record what they were asked for here.
import { assetId, checkEdit, moveAsset, type Asset, type Publication, type AssetDecision, type AssetFormat, type AssetStatus, type AssetType } from '../domain/assets.ts';
import { definedOnly } from '../domain/defined.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { audit, type ServiceDeps } from './deps.ts';
import { saveRecord } from './records.ts';

export interface NewAsset {
  type: AssetType;
  name: string;
  format: AssetFormat;
  status?: AssetStatus;
  location?: string;
  notes?: string;
}

// An asset enters the manifest before approval; approving and publishing are moves with their own rules.
const FIRST_STATUSES: readonly AssetStatus[] = ['planned', 'draft', 'review'];

export async function addAsset(deps: ServiceDeps, program: ProgramRef, actor: Actor, input: NewAsset): Promise<Result<Asset>> {
  if (input.status !== undefined && !FIRST_STATUSES.includes(input.status)) {
    return fail('invalid', `a new asset starts as ${FIRST_STATUSES.join(', ')}; approval and publication come after, one step at a time`);
  }
  const now = deps.clock.now();
  const sequence = await deps.repos.assets.nextSequence(program);
  const asset: Asset = {
    ...definedOnly(input),
    id: assetId(sequence),
    status: input.status ?? 'planned',
    createdBy: actor,
    createdAt: now,
    updatedBy: actor,
    updatedAt: now,
  };
  await deps.repos.assets.insert(program, asset.id, sequence, asset);
  await audit(deps, program, actor, 'asset.add', { id: asset.id, type: asset.type, status: asset.status });
  return ok(asset);
}

export interface AssetUpdate {
  name?: string;
  status?: AssetStatus;
  location?: string;
  notes?: string;
}

export async function updateAsset(deps: ServiceDeps, program: ProgramRef, actor: Actor, id: string, update: AssetUpdate): Promise<Result<Asset>> {
  const key = id.trim().toUpperCase();
  const saved = await saveRecord(deps.repos.assets, program, key, (asset) => {
    if (asset === undefined) return fail('not_found', `no asset ${key} in this channel; list the manifest to find it`);
    const by = actor.surface === 'agent' ? 'agent' : 'person';
    const status = update.status === undefined ? ok(asset.status) : moveAsset(asset, update.status, by);
    if (!status.ok) return status;
    const edits = update.name !== undefined || update.location !== undefined || update.notes !== undefined;
    const editable = edits ? checkEdit(asset, status.value, by) : ok(undefined);
    if (!editable.ok) return editable;
    return ok({ ...asset, ...definedOnly(update), status: status.value, updatedBy: actor, updatedAt: deps.clock.now() });
  });
  if (saved.ok) await audit(deps, program, actor, 'asset.update', { id: key, ...(update.status ? { status: update.status } : {}) });
  return saved;
}

/** A person's click on an asset waiting for review: approved, or back to draft for rework. */
export async function decideAsset(deps: ServiceDeps, program: ProgramRef, actor: Actor, id: string, decision: AssetDecision): Promise<Result<Asset>> {
  const key = id.trim().toUpperCase();
  const saved = await saveRecord(deps.repos.assets, program, key, (asset) => {
    if (asset === undefined) return fail('not_found', `no asset ${key} in this channel`);
    if (asset.status !== 'review') return fail('conflict', `${key} is ${asset.status}, no longer waiting for review`);
    const status = moveAsset(asset, decision === 'approve' ? 'approved' : 'draft', 'person');
    if (!status.ok) return status;
    return ok({ ...asset, status: status.value, updatedBy: actor, updatedAt: deps.clock.now() });
  });
  if (saved.ok) await audit(deps, program, actor, decision === 'approve' ? 'asset.approve' : 'asset.send_back', { id: key });
  return saved;
}

export async function getAsset(deps: ServiceDeps, program: ProgramRef, id: string): Promise<Result<Asset>> {
  const key = id.trim().toUpperCase();
  const stored = await deps.repos.assets.get(program, key);
  return stored === undefined ? fail('not_found', `no asset ${key} in this channel`) : ok(stored.value);
}

export function listAssets(deps: ServiceDeps, program: ProgramRef): Promise<Asset[]> {
  return deps.repos.assets.list(program);
}

/** A post went out: the asset is published and this platform's post is added to its publications. */
export async function recordPublication(deps: ServiceDeps, program: ProgramRef, actor: Actor, id: string, publication: Publication): Promise<Result<Asset>> {
  const key = id.trim().toUpperCase();
  const saved = await saveRecord(deps.repos.assets, program, key, (asset) => {
    if (asset === undefined) return fail('not_found', `no asset ${key} in this channel`);
    const status = moveAsset(asset, 'published', actor.surface === 'agent' ? 'agent' : 'person');
    // Published is final for edits, not for going out again on another platform.
    if (!status.ok && asset.status !== 'published') return status;
    return ok({ ...asset, status: 'published' as const, publications: [...(asset.publications ?? []), publication], updatedBy: actor, updatedAt: deps.clock.now() });
  });
  if (saved.ok) await audit(deps, program, actor, 'asset.publish', { id: key, platform: publication.platform, ...(publication.url ? { url: publication.url } : {}) });
  return saved;
}
