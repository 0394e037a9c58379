// "View full plan" on a plan card: opens the whole plan, as the agents read it, in a modal. Reading a
// plan changes nothing, so anyone who can see the card may open it.
import type { App } from '@slack/bolt';
import { parseJson } from '../../json.ts';
import { ACTION_IDS } from '../ids.ts';
import { planModal } from '../views/plan-modal.ts';
import { onButtonOf, PlanButtonSchema } from './actions.ts';
import type { ListenerDeps } from './deps.ts';

export function registerPlanView(app: App, deps: ListenerDeps): void {
  onButtonOf(app, deps, ACTION_IDS.viewPlan, async (c, body) => {
    const target = PlanButtonSchema.safeParse(parseJson(c.value));
    if (!target.success) return { ok: false, code: 'invalid', message: 'this button is from an older version of ohmymkt; `/ohmymkt plans` lists the plans' };
    const stored = await deps.services.repos.plans.get(c.program, target.data.planId, target.data.version);
    if (!stored) return { ok: false, code: 'not_found', message: `${target.data.planId} v${target.data.version} is no longer stored; \`/ohmymkt plans\` lists the plans` };
    await c.client.views.open({ trigger_id: body.trigger_id, view: planModal(stored.value) });
  });
}
