// A stable identity for each Slack delivery, so a retried or replayed one is recognised.
// Events carry event_id; commands and interactions carry a trigger_id unique to the user's gesture.

interface DeliveryBody {
  type?: string;
  event_id?: string;
  team_id?: string;
  trigger_id?: string;
  team?: { id?: string } | null;
  user?: { id?: string };
  user_id?: string;
  actions?: Array<{ action_id?: string; action_ts?: string }>;
  view?: { id?: string; hash?: string };
}

export function deliveryKey(body: DeliveryBody): string | undefined {
  const team = body.team_id ?? body.team?.id ?? 'no-team';
  if (body.type === 'event_callback' && body.event_id) return `event:${team}:${body.event_id}`;
  if (body.type === 'block_actions') {
    const action = body.actions?.[0];
    if (action?.action_ts) return `action:${team}:${action.action_ts}:${action.action_id ?? ''}:${body.user?.id ?? ''}`;
  }
  if (body.type === 'view_submission' && body.view?.id) return `view:${team}:${body.view.id}:${body.view.hash ?? ''}`;
  if (body.trigger_id) return `trigger:${team}:${body.trigger_id}`;
  return undefined;
}
