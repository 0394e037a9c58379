// Payload fields we put on Slack surfaces come back as strings; a bad one reads as nothing.
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
