import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1';
const ID = /^[A-Za-z0-9_-]{1,32}$/;

export class KeyRingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyRingError';
  }
}

/**
 * AES-256-GCM encryption at rest with rotatable keys. Every ciphertext names the key that made
 * it, so old keys keep decrypting after a new current key is introduced. `context` (e.g.
 * `totp:<tenant>:<user>`) is bound as associated data: a ciphertext copied to another row fails.
 */
export class KeyRing {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    keys: { id: string; key: Buffer }[],
    readonly currentId: string,
  ) {
    for (const { id, key } of keys) {
      if (!ID.test(id)) throw new KeyRingError(`invalid key id ${JSON.stringify(id)}`);
      if (key.length !== 32) throw new KeyRingError(`key ${id} must be 32 bytes (base64 of 32 random bytes)`);
      if (this.keys.has(id)) throw new KeyRingError(`duplicate key id ${id}`);
      this.keys.set(id, key);
    }
    if (!this.keys.has(currentId)) throw new KeyRingError(`the current key ${currentId} is not in the key ring`);
  }

  /** Parses `id:base64key,id:base64key`; the current key is `currentId`, else the first. */
  static parse(spec: string, currentId?: string): KeyRing {
    const keys = spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry) => {
        const at = entry.indexOf(':');
        if (at <= 0) throw new KeyRingError('each key must be written id:base64key');
        return { id: entry.slice(0, at), key: Buffer.from(entry.slice(at + 1), 'base64') };
      });
    if (!keys.length) throw new KeyRingError('no keys given');
    return new KeyRing(keys, currentId || keys[0].id);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}:${this.currentId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  decrypt(ciphertext: string, context: string): string {
    const [enc, version, id, payload] = ciphertext.split(':');
    if (`${enc}:${version}` !== PREFIX || !id || !payload) throw new KeyRingError('not a ciphertext of this key ring');
    const key = this.keys.get(id);
    if (!key) throw new KeyRingError(`unknown key id ${id}`);
    const raw = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new KeyRingError('ciphertext does not verify (wrong key, context or tampered)');
    }
  }

  /** The key id a ciphertext was made with (re-encryption skips those already current). */
  static keyIdOf(ciphertext: string): string | undefined {
    return ciphertext.startsWith(`${PREFIX}:`) ? ciphertext.split(':')[2] : undefined;
  }
}
