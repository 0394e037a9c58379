// Port filters and upserts given MongoDB's meaning on nedb. The two differ on missing fields: MongoDB
// treats a missing field as null (`{ f: null }` matches it, `{ f: { $ne: null } }` does not), nedb
// does not; and MongoDB ignores undefined values, which nedb would compare against.
import type { BaseDocument, Filter, FilterValue } from '../port.ts';
import { writeField } from '../fields.ts';

type Query = Record<string, unknown>;
type Operators = Exclude<FilterValue, string | number | boolean | null | Date>;

function isOperators(value: FilterValue): value is Operators {
  if (typeof value !== 'object' || value === null || value instanceof Date || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

const nullOrMissing = (field: string, clause: Query): Query => ({ $or: [clause, { [field]: { $exists: false } }] });

export function toNedbQuery(filter: Filter): Query {
  const query: Query = {};
  const and: Query[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (value === null) {
      and.push(nullOrMissing(field, { [field]: null }));
    } else if (!isOperators(value)) {
      query[field] = value;
    } else {
      const operators: Query = {};
      for (const [operator, operand] of Object.entries(value)) {
        if (operand === undefined) continue;
        if (operator === '$ne' && operand === null) operators.$exists = true;
        if (operator === '$in' && (operand as unknown[]).includes(null)) {
          and.push(nullOrMissing(field, { [field]: { $in: operand } }));
        } else {
          operators[operator] = operand;
        }
      }
      if (Object.keys(operators).length > 0) query[field] = operators;
    }
  }
  // Plain equality stays at the top level, where nedb can answer it from an index (`_id` above all).
  return and.length > 0 ? { ...query, $and: and } : query;
}

/**
 * The document an upsert inserts, built as MongoDB builds it: the filter's equality fields, then
 * `setOnInsert`, then `set`. Fails when that leaves no string `_id`, which every stored document has.
 */
export function upsertDocument(filter: Filter, set: object, setOnInsert: object = {}): BaseDocument {
  const doc: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(filter)) {
    if (value !== undefined && !isOperators(value)) writeField(doc, field, value);
  }
  for (const [field, value] of [...Object.entries(setOnInsert), ...Object.entries(set)]) {
    if (value !== undefined) writeField(doc, field, value);
  }
  if (typeof doc._id !== 'string') throw new Error('An upsert needs a string _id in its filter, set or setOnInsert');
  return doc as unknown as BaseDocument;
}
