// The `<scope>.<key>=<value>` shape shared by `gates set` and `metrics set`.
export interface AssignmentParts {
  scope: string;
  key: string;
  value: string;
}

export function splitAssignment(text: string): AssignmentParts | undefined {
  const match = /^\s*([^.=\s]+)\.([^=\s]+)\s*=\s*(.*?)\s*$/.exec(text);
  if (!match) return undefined;
  const [, scope = '', key = '', value = ''] = match;
  return { scope, key, value };
}
