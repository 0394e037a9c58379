// Provider secrets at rest: AES-256-GCM with a key derived by scrypt from OHMYMKT_SECRET_KEY and a
// fresh salt per secret, bound by the GCM tag to the program, provider and field it belongs to.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

export const MIN_SECRET_KEY_LENGTH = 32;

export const SealedSecretSchema = z.object({
  alg: z.literal('aes-256-gcm/scrypt'),
  salt: z.string().min(1),
  iv: z.string().min(1),
  tag: z.string().min(1),
  data: z.string(),
});
export type SealedSecret = z.infer<typeof SealedSecretSchema>;

/** The secret could not be opened: another OHMYMKT_SECRET_KEY, or the stored record was altered. */
export class SecretUnreadable extends Error {
  readonly code = 'secret_unreadable';
  constructor(readonly context: string) {
    super(
      `The stored secret for ${context} cannot be decrypted: OHMYMKT_SECRET_KEY differs from the key it was saved with, ` +
        'or the stored record was altered. Enter the secret again in the provider settings.',
    );
    this.name = 'SecretUnreadable';
  }
}

function deriveKey(masterKey: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(masterKey, salt, 32, { N: 1 << 14, r: 8, p: 1 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `context` (e.g. "T1:C1:openai_images:apiKey") is authenticated, so a sealed value cannot be moved elsewhere. */
export async function sealSecret(masterKey: string, plaintext: string, context: string): Promise<SealedSecret> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(masterKey, salt), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    alg: 'aes-256-gcm/scrypt',
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

export async function openSecret(masterKey: string, sealed: SealedSecret, context: string): Promise<string> {
  try {
    const key = await deriveKey(masterKey, Buffer.from(sealed.salt, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadable(context);
  }
}

/** What a person may see of a secret: its last four characters, and only when it is long enough to spare them. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : '••••';
}
