// Types for the parts of nedb's document model the on-disk collection shares with nedb itself, so
// both read and write the same datafile format and give filters, sorts and updates the same meaning.
declare module '@seald-io/nedb/lib/model.js' {
  /** JSON with Dates as `{"$$date": ms}`; refuses field names starting with `$` or holding a dot. */
  function serialize(doc: object): string;
  function deserialize(text: string): unknown;
  /** Applies `$set` / `$inc` style modifiers to a copy of `doc`. */
  function modify(doc: object, update: object): Record<string, unknown> & { _id: string };
  function match(doc: object, query: object): boolean;
  function compareThings(a: unknown, b: unknown): number;
  function getDotValue(doc: object, field: string): unknown;
  const model: { serialize: typeof serialize; deserialize: typeof deserialize; modify: typeof modify; match: typeof match; compareThings: typeof compareThings; getDotValue: typeof getDotValue };
  export default model;
}
