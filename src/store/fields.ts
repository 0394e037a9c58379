// Dotted field paths ("budget.spent") as both backends read them, for the values adapters compute
// themselves: an increment's result and an upsert's first version.

export function readField(doc: unknown, path: string): unknown {
  let value = doc;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function writeField(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target = doc;
  for (const key of keys) {
    const next = target[key];
    target = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : (target[key] = {});
  }
  target[last] = value;
}
