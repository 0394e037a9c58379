// What a person may be told about a MongoDB connection string: scheme and hosts only. User,
// password and options (which can carry tokens) never reach a message or a log.

const PARTS = /^(mongodb(?:\+srv)?):\/\/(?:[^/?]*@)?([^/?]*)/;
const CREDENTIALS = /^[^:/]*:\/\/([^/?]*)@/;

/** `mongodb+srv://cluster0.example.net` for `mongodb+srv://user:secret@cluster0.example.net/app?…`. */
export function describeMongoUri(uri: string): string {
  const parts = PARTS.exec(uri);
  return parts ? `${parts[1]}://${parts[2]}` : '(an unrecognised URI)';
}

/** `text` with the URI's credentials masked, for driver messages that quote the URI back. */
export function maskCredentials(text: string, uri: string): string {
  const credentials = CREDENTIALS.exec(uri)?.[1];
  return credentials ? text.split(credentials).join('***') : text;
}
