import Provider, { type Configuration } from 'oidc-provider';
import { generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveLocalHttps, type LocalHttps } from './tls';

/** An account at the test provider: its `sub` and the claims it releases. */
export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** Google Workspace domain. */
  hd?: string;
  /** Entra directory id. */
  tid?: string;
  /** Entra: the email's domain is verified by the directory. */
  xms_edov?: boolean;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
}

type Flavour = 'oidc' | 'google' | 'entra';

/** Signing in as this account declines: the provider answers `error=access_denied`. */
export const DECLINE = 'decline';

/**
 * A real OpenID Connect provider (oidc-provider) over HTTPS with a throwaway self-signed
 * certificate, with three issuers on one server:
 * - `<origin>/oidc`: a strict generic provider (ID tokens carry `sub` only; email comes from userinfo);
 * - `<origin>/google`: Google-like (email, `email_verified` and `hd` in the ID token);
 * - `<origin>/<directory id>/v2.0`: Entra-like, reached through `<origin>` as the Entra authority,
 *   whose ID tokens carry `typ: "JWT"` as Entra's do (oidc-provider leaves `typ` out, so a
 *   post-middleware of the token endpoint signs them again with the same key and that header).
 * Every issuer requires PKCE. People sign in at `<issuer>/interaction/:uid` by posting `login=<sub>`
 * (or decline with `login=decline`).
 */
export class TestIdentityProvider {
  readonly directoryId = randomUUID();
  readonly clients: Record<Flavour, TestClient> = {
    oidc: { clientId: 'stratum-oidc', clientSecret: randomBytes(24).toString('base64url') },
    google: { clientId: 'stratum-google.apps.googleusercontent.com', clientSecret: randomBytes(24).toString('base64url') },
    entra: { clientId: randomUUID(), clientSecret: randomBytes(24).toString('base64url') },
  };
  private readonly accounts = new Map<string, TestAccount>();
  private readonly mounts = new Map<string, Provider>();

  private constructor(
    private readonly https: LocalHttps,
    readonly origin = https.origin,
  ) {}

  get oidcIssuer(): string {
    return `${this.origin}/oidc`;
  }

  get googleIssuer(): string {
    return `${this.origin}/google`;
  }

  /** What SSO_ENTRA_AUTHORITY points at (Entra's is https://login.microsoftonline.com). */
  get entraAuthority(): string {
    return this.origin;
  }

  get entraIssuer(): string {
    return `${this.origin}/${this.directoryId}/v2.0`;
  }

  /**
   * Starts the provider for a relying party whose callback is `callbackUrl`, and makes this
   * process's default HTTPS agent trust its certificate (the stand-in for NODE_EXTRA_CA_CERTS,
   * which cannot be set once the process runs).
   */
  static async start(callbackUrl: string): Promise<TestIdentityProvider> {
    const idp: TestIdentityProvider = new TestIdentityProvider(await serveLocalHttps((req, res) => void idp.handle(req, res)));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    idp.mount('/oidc', 'oidc', privateKey, callbackUrl);
    idp.mount('/google', 'google', privateKey, callbackUrl);
    idp.mount(`/${idp.directoryId}/v2.0`, 'entra', privateKey, callbackUrl);
    return idp;
  }

  /** Adds (or replaces) an account; answers its `sub`. */
  addAccount(account: TestAccount): string {
    this.accounts.set(account.sub, account);
    return account.sub;
  }

  async close(): Promise<void> {
    await this.https.close();
  }

  private mount(path: string, flavour: Flavour, key: KeyObject, callbackUrl: string): void {
    const client = this.clients[flavour];
    const configuration: Configuration = {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [callbackUrl],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          // passport-azure-ad posts the secret in the body; openid-client uses HTTP Basic by default.
          token_endpoint_auth_method: flavour === 'entra' ? 'client_secret_post' : 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...(key.export({ format: 'jwk' }) as object), kid: `${flavour}-key`, use: 'sig', alg: 'RS256' }] },
      findAccount: (_ctx, sub) => {
        const account = this.accounts.get(sub);
        return account ? { accountId: sub, claims: () => ({ ...account }) } : undefined;
      },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'hd', 'tid', 'xms_edov'],
      },
      conformIdTokenClaims: flavour === 'oidc',
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `${path}/interaction/${interaction.uid}` },
      cookies: { keys: [randomBytes(16).toString('hex')] },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    };
    const provider = new Provider(`${this.origin}${path}`, configuration);
    if (flavour === 'entra') {
      provider.use(async (ctx, next) => {
        await next();
        const body = ctx.body as { id_token?: string } | undefined;
        if (ctx.path === '/token' && body?.id_token) ctx.body = { ...body, id_token: withJwtType(body.id_token, key) };
      });
    }
    this.mounts.set(path, provider);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const path = [...this.mounts.keys()].find((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
    if (!path) {
      res.writeHead(404).end();
      return;
    }
    const provider = this.mounts.get(path)!;
    const local = url.slice(path.length) || '/';
    const interaction = /^\/interaction\/([^/?]+)(\/login)?$/.exec(local);
    try {
      if (interaction && req.method === 'GET' && !interaction[2]) {
        await provider.interactionDetails(req, res);
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<form method="post" action="${path}/interaction/${interaction[1]}/login"><input name="login"></form>`);
        return;
      }
      if (interaction && req.method === 'POST' && interaction[2]) {
        const login = new URLSearchParams(await readBody(req)).get('login') ?? '';
        const details = await provider.interactionDetails(req, res);
        if (login === DECLINE) {
          await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user declined' });
          return;
        }
        if (!this.accounts.has(login)) {
          res.writeHead(400).end('unknown account');
          return;
        }
        const grant = new provider.Grant({ accountId: login, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { login: { accountId: login }, consent: { grantId } });
        return;
      }
      // Mounted below a path: oidc-provider reads the mount point from originalUrl.
      Object.assign(req, { originalUrl: url });
      req.url = local;
      provider.callback()(req, res);
    } catch (err) {
      res.writeHead(500).end((err as Error).message);
    }
  }
}

/** The ID token signed again with `typ: "JWT"` in its header. */
function withJwtType(idToken: string, key: KeyObject): string {
  const [header, payload] = idToken.split('.');
  const typed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), typ: 'JWT' })).toString(
    'base64url',
  );
  const input = `${typed}.${payload}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}
