import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskSecret, openSecret, sealSecret, SecretUnreadable } from '../../src/providers/secrets.ts';

const KEY = 'k'.repeat(40);
const CONTEXT = 'T1:C1:openai_images:apiKey';
const SECRET = 'sk-live-0123456789abcdef';

describe('provider secret sealing', () => {
  it('opens what it sealed, and the sealed form holds no plaintext', async () => {
    const sealed = await sealSecret(KEY, SECRET, CONTEXT);
    assert.ok(!JSON.stringify(sealed).includes(SECRET));
    assert.equal(await openSecret(KEY, sealed, CONTEXT), SECRET);
  });

  it('seals the same secret differently each time (fresh salt and iv)', async () => {
    const [a, b] = await Promise.all([sealSecret(KEY, SECRET, CONTEXT), sealSecret(KEY, SECRET, CONTEXT)]);
    assert.notEqual(a.salt, b.salt);
    assert.notEqual(a.iv, b.iv);
    assert.notEqual(a.data, b.data);
  });

  it('detects a tampered ciphertext through the GCM tag', async () => {
    const sealed = await sealSecret(KEY, SECRET, CONTEXT);
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 0xff;
    await assert.rejects(openSecret(KEY, { ...sealed, data: data.toString('base64') }, CONTEXT), SecretUnreadable);
  });

  it('detects a tampered tag', async () => {
    const sealed = await sealSecret(KEY, SECRET, CONTEXT);
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[3] = (tag[3] ?? 0) ^ 0x01;
    await assert.rejects(openSecret(KEY, { ...sealed, tag: tag.toString('base64') }, CONTEXT), SecretUnreadable);
  });

  it('refuses a secret moved to another program or field', async () => {
    const sealed = await sealSecret(KEY, SECRET, CONTEXT);
    await assert.rejects(openSecret(KEY, sealed, 'T1:C2:openai_images:apiKey'), SecretUnreadable);
  });

  it('fails clearly with another OHMYMKT_SECRET_KEY, naming the variable and not the secret', async () => {
    const sealed = await sealSecret(KEY, SECRET, CONTEXT);
    await assert.rejects(openSecret('x'.repeat(40), sealed, CONTEXT), (error: unknown) => {
      assert.ok(error instanceof SecretUnreadable);
      assert.match(error.message, /OHMYMKT_SECRET_KEY/);
      assert.ok(!error.message.includes(SECRET));
      return true;
    });
  });

  it('masks a secret down to its last four characters, or to nothing when it is short', () => {
    assert.equal(maskSecret('sk-live-0123456789abcdef'), '••••cdef');
    assert.equal(maskSecret('short-one'), '••••');
  });
});
