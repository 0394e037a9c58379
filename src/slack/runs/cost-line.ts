// The last line of a closing report: what the run took in tokens (with the share served from the prompt
// cache) and in dollars; a model whose price is not known shows its cost as unknown, never as $0.
import type { RunCost } from '../../runs/ports.ts';

const count = (n: number) => n.toLocaleString('en-US');

function dollars(amount: number): string {
  // Below a cent, a tenth of a cent still tells runs apart.
  return amount > 0 && amount < 0.01 ? `$${amount.toFixed(3)}` : `$${amount.toFixed(2)}`;
}

function costText(cost: RunCost): string {
  if (cost.costUsd === null) return 'cost unknown (no price for its model; `OHMYMKT_PRICES` sets one)';
  const unpriced = cost.unpricedCalls > 0 ? ` + ${cost.unpricedCalls} call${cost.unpricedCalls === 1 ? '' : 's'} at an unknown price` : '';
  return `cost ${dollars(cost.costUsd)}${unpriced}`;
}

export function costLine(cost: RunCost): string {
  const cached = Math.round(cost.cachedShare * 100);
  return `:moneybag: This run: ${count(cost.inputTokens)} input tokens (${cached}% cached) · ${count(cost.outputTokens)} output tokens · ${costText(cost)}`;
}
