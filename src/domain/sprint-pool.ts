// A playbook's sprint task pool with stable ids (T01, T02, … in the playbook's order): seo-aeo's
// 40 tasks are ten visibility and thirty quality ones, four per module, each module's listed in the
// order they are due.
import { SEO_AEO } from './playbook-catalog.ts';
import type { Playbook } from './playbook.ts';

export interface PoolTask {
  id: string;
  text: string;
  track: string;
  module: string;
}

export function poolOf(book: Playbook): PoolTask[] {
  return book.pool.map((task, index) => ({ id: `T${String(index + 1).padStart(2, '0')}`, text: task.text, track: task.track, module: task.module }));
}

export const SPRINT_POOL: readonly PoolTask[] = poolOf(SEO_AEO);
