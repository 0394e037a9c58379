// A model that knows nothing of ohmymkt: it reads the newest instruction, calls the first offered tool
// that instruction names, fills the tool's input from its JSON Schema alone (or from a value quoted
// beside a field's name), and ends its turn once a tool has answered. If the app's run works with this,
// it depends on typed tool calls and not on any model wording.
import type { ClaudeRequestBody, ClaudeResponder, ClaudeScript } from './fake-claude.ts';

type Schema = Record<string, any>;

function lastUserText(body: ClaudeRequestBody): string | undefined {
  const last = (body['messages'] as Array<{ role: string; content: unknown }>).at(-1);
  if (!last || last.role !== 'user') return undefined;
  if (typeof last.content === 'string') return last.content;
  const blocks = last.content as Array<{ type: string; text?: string }>;
  if (blocks.some((b) => b.type === 'tool_result')) return undefined;
  return blocks.map((b) => b.text ?? '').join('\n');
}

/** A value for `schema`, taking a string quoted after the field's name in the instruction when there is one. */
export function fillFromSchema(schema: Schema, name: string, instruction: string): unknown {
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  if (schema['const'] !== undefined) return schema['const'];
  const options = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
  if (options) return fillFromSchema(options.find((o) => o['type'] !== 'null') ?? options[0] ?? {}, name, instruction);
  switch (schema['type']) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, fillFromSchema(sub, key, instruction)]));
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema['minItems'] ?? 1) }, () => fillFromSchema(schema['items'] ?? {}, name, instruction));
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return schema['minimum'] ?? 1;
    default: {
      // `plan_id "PLAN-1"` in the instruction, as a person would write it (not JSON, where the name is quoted).
      const quoted = new RegExp(`(?<!")\\b${name}\\s+"([^"]+)"`).exec(instruction)?.[1];
      return quoted ?? `${name.replace(/_/g, ' ')} 1`;
    }
  }
}

export function genericModel(): ClaudeResponder {
  return (body): ClaudeScript => {
    const instruction = lastUserText(body);
    if (instruction === undefined) return { content: [{ type: 'text', text: 'Done.' }], stop_reason: 'end_turn' };
    const tools = (body['tools'] ?? []) as Array<{ name: string; input_schema: Schema }>;
    const named = tools
      .map((tool) => ({ tool, at: instruction.search(new RegExp(`\\b${tool.name}\\b`)) }))
      .filter((found) => found.at >= 0)
      .sort((a, b) => a.at - b.at)[0]?.tool;
    if (!named) return { content: [{ type: 'text', text: 'Done.' }], stop_reason: 'end_turn' };
    return { content: [{ type: 'tool_use', name: named.name, input: fillFromSchema(named.input_schema, named.name, instruction) }], stop_reason: 'tool_use' };
  };
}
