// JSON we wrote ourselves comes back as a string (Slack payload fields, stored conversations); a bad one reads as nothing.
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
