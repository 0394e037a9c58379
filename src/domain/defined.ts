// Drops keys whose value is undefined: a store may write them back as null, which a schema then refuses.
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
