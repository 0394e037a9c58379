// The asset manifest of a program: assets are added as planned and move through draft, review,
// approval and publication; generation and publishing tools record what they were asked for here.
import { assetId, moveAsset, type Asset, type AssetFormat, type AssetStatus, type AssetType } from '../domain/assets.ts';
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

export async function addAsset(deps: ServiceDeps, program: ProgramRef, actor: Actor, input: NewAsset): Promise<Asset> {
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
  return asset;
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
    const status = update.status === undefined ? ok(asset.status) : moveAsset(asset, update.status);
    if (!status.ok) return status;
    return ok({ ...asset, ...definedOnly(update), status: status.value, updatedBy: actor, updatedAt: deps.clock.now() });
  });
  if (saved.ok) await audit(deps, program, actor, 'asset.update', { id: key, ...(update.status ? { status: update.status } : {}) });
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
