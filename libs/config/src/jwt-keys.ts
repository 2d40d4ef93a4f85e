/**
 * The HS256 keys access tokens are signed and verified with: the current one (JWT_SECRET,
 * named JWT_KEY_ID in every token's `kid` header) and retired ones (JWT_PREVIOUS_KEYS) that
 * still verify tokens issued before a rotation, until those expire.
 */
export class JwtKeys {
  private readonly secrets = new Map<string, string>();

  constructor(
    readonly currentId: string,
    currentSecret: string,
    previous: { id: string; secret: string }[] = [],
  ) {
    this.secrets.set(currentId, currentSecret);
    for (const { id, secret } of previous) {
      if (this.secrets.has(id)) throw new Error(`JWT key id ${id} is used twice`);
      this.secrets.set(id, secret);
    }
  }

  /** Parses `kid:secret[,kid:secret…]`; each secret 32+ characters. */
  static parsePrevious(spec: string | undefined): { id: string; secret: string }[] {
    return (spec ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry) => {
        const at = entry.indexOf(':');
        const id = entry.slice(0, at);
        const secret = entry.slice(at + 1);
        if (at <= 0 || !KID.test(id))
          throw new Error('each previous key must be written kid:secret (kid: letters, digits, _ . -)');
        if (secret.length < 32) throw new Error(`the secret of key ${id} must be at least 32 characters`);
        return { id, secret };
      });
  }

  get currentSecret(): string {
    return this.secrets.get(this.currentId)!;
  }

  /** The secret for a token's `kid` header (tokens without one: the current key); undefined if unknown. */
  secretFor(kid: unknown): string | undefined {
    if (kid === undefined) return this.currentSecret;
    return typeof kid === 'string' ? this.secrets.get(kid) : undefined;
  }

  /** The `kid` header of a compact JWT, without trusting anything else in it. */
  static kidOf(token: string): unknown {
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
      return header && typeof header === 'object' ? (header as { kid?: unknown }).kid : undefined;
    } catch {
      return undefined;
    }
  }
}

export const KID = /^[A-Za-z0-9_.-]{1,64}$/;
