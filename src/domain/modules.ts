// Execution modules in their cores (rules §8, §13), as the program's playbook lists them, and which
// of them a pause stops. Without a playbook argument the seo-aeo modules apply.
import { z } from 'zod';
import { SEO_AEO } from './playbook-catalog.ts';
import type { Playbook } from './playbook.ts';

/** seo-aeo's cores and modules, kept for callers written before playbooks. */
export type Core = string;
export const MODULE_NAMES: readonly string[] = SEO_AEO.modules.map((module) => module.name);
export const ModuleNameSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);
export type ModuleName = string;

export function modulesOfCore(core: string, book: Playbook = SEO_AEO): string[] {
  return book.modules.filter((module) => module.core === core).map((module) => module.name);
}

// "Scale modules" (the rules' pause and report wording) are the playbook's scale core: the modules
// that multiply output rather than build the base.
export function scaleModules(book: Playbook = SEO_AEO): string[] {
  return modulesOfCore(book.scaleCore, book);
}
export const SCALE_MODULES: readonly string[] = scaleModules(SEO_AEO);

export type ModuleStatus = 'idle' | 'active' | 'paused';

/** Derived, never stored: idle without a campaign, scale modules paused while a high incident is open. */
export function moduleStatuses(campaignActive: boolean, paused: boolean, book: Playbook = SEO_AEO): Array<{ module: string; core: string; status: ModuleStatus }> {
  const scale = scaleModules(book);
  return book.modules.map((module) => {
    const status: ModuleStatus = !campaignActive ? 'idle' : paused && scale.includes(module.name) ? 'paused' : 'active';
    return { module: module.name, core: module.core, status };
  });
}
