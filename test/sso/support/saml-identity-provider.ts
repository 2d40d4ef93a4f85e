import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import selfsigned from 'selfsigned';
import { serveLocalHttps, type LocalHttps } from './tls';

/**
 * The little of samlify used here. Its type definitions pull in @xmldom/xmldom's, which add the DOM
 * library to the whole compilation (and change `fetch`'s types for product code), so it is loaded
 * untyped and described here.
 */
interface SamlifyEntity {
  entityMeta: { getAssertionConsumerService(binding: 'post'): string };
}
interface SamlifyIdp {
  getMetadata(): string;
  parseLoginRequest(
    sp: SamlifyEntity,
    binding: 'redirect',
    req: { query: Record<string, string>; octetString: string },
  ): Promise<unknown>;
  createLoginResponse(
    sp: SamlifyEntity,
    requestInfo: Record<string, never>,
    binding: 'post',
    user: { email: string },
    options: { customTagReplacement: (template: string) => { id: string; context: string } },
  ): Promise<{ context: string }>;
}
interface Samlify {
  setSchemaValidator(validator: unknown): void;
  IdentityProvider(settings: Record<string, unknown>): SamlifyIdp;
  ServiceProvider(settings: { metadata: string }): SamlifyEntity;
  SamlLib: { replaceTagsByValue(template: string, values: Record<string, string | null>): string };
  Constants: { StatusCode: { Success: string } };
}

const load = createRequire(__filename);
const samlify = load('samlify') as Samlify;
samlify.setSchemaValidator(load('@authenio/samlify-node-xmllint'));

const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** A person at the test IdP: the NameID and the attributes its assertions carry. */
export interface SamlAccount {
  nameId: string;
  nameIdFormat?: string;
  attributes?: Record<string, string | string[]>;
}

/** What to put in (or do to) the next response, for the refusal tests. */
export interface ResponseOptions {
  audience?: string;
  recipient?: string;
  destination?: string;
  issuer?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  /** Sign with another key than the one in the metadata. */
  rogueKey?: boolean;
  /** Changes the signed XML (an attacker in the middle). */
  tamper?: (xml: string) => string;
}

/** The browser's next step: a form the page posts to the service provider's ACS. */
export interface PostedResponse {
  acs: string;
  fields: Record<string, string>;
  /** The XML of the response, as sent. */
  xml: string;
}

interface PendingRequest {
  id: string;
  issuer: string;
  relayState: string | null;
}

/**
 * A SAML 2.0 identity provider (samlify) over HTTPS with a throwaway self-signed certificate.
 * `<origin>/saml/metadata` serves its metadata; `<origin>/saml/sso` takes AuthnRequests (HTTP-Redirect
 * binding) and shows a login form; posting `login=<NameID>` answers with a page whose form posts
 * the signed response to the service provider's ACS, which the IdP reads from the SP's metadata
 * (fetched from its entity id, as IdPs import it). Assertions are signed when the SP metadata
 * asks (WantAssertionsSigned), the whole response otherwise.
 */
export class TestSamlIdentityProvider {
  private readonly accounts = new Map<string, SamlAccount>();
  private readonly pending = new Map<string, PendingRequest>();
  /** Applied to the next response only. */
  next: ResponseOptions = {};
  private readonly idp: SamlifyIdp;
  private readonly rogue: SamlifyIdp;

  private constructor(
    private readonly https: LocalHttps,
    readonly certificate: string,
    key: string,
    rogueKey: string,
  ) {
    const settings = {
      entityID: this.entityId,
      signingCert: certificate,
      nameIDFormat: [EMAIL_FORMAT],
      singleSignOnService: [{ Binding: REDIRECT_BINDING, Location: this.ssoUrl }],
      wantAuthnRequestsSigned: false,
    };
    this.idp = samlify.IdentityProvider({ ...settings, privateKey: key });
    this.rogue = samlify.IdentityProvider({ ...settings, privateKey: rogueKey });
  }

  get origin(): string {
    return this.https.origin;
  }

  get entityId(): string {
    return `${this.origin}/saml/metadata`;
  }

  get metadataUrl(): string {
    return `${this.origin}/saml/metadata`;
  }

  get ssoUrl(): string {
    return `${this.origin}/saml/sso`;
  }

  metadata(): string {
    return this.idp.getMetadata();
  }

  /** Starts the provider and makes this process's default HTTPS agent trust its certificate (as NODE_EXTRA_CA_CERTS would). */
  static async start(): Promise<TestSamlIdentityProvider> {
    // The IdP's signing certificate (what the tenant admin configures), apart from its TLS one.
    const signing = await selfsigned.generate([{ name: 'commonName', value: 'Test SAML IdP signing' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 24 * 3600_000),
    });
    const rogueKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    const server = await serveLocalHttps((req, res) => void idp.handle(req, res));
    const idp = new TestSamlIdentityProvider(server, signing.cert, signing.private, String(rogueKey));
    return idp;
  }

  addAccount(account: SamlAccount): string {
    this.accounts.set(account.nameId, account);
    return account.nameId;
  }

  async close(): Promise<void> {
    await this.https.close();
  }

  /**
   * A response for the service provider whose metadata is at `spEntityId`: to a request
   * (`inResponseTo`), or unsolicited (IdP-initiated) without one.
   */
  async respond(
    spEntityId: string,
    nameId: string,
    o: ResponseOptions & { inResponseTo?: string | null; relayState?: string | null } = {},
  ): Promise<PostedResponse> {
    const account = this.accounts.get(nameId);
    if (!account) throw new Error(`unknown account ${nameId}`);
    const sp = await this.serviceProvider(spEntityId);
    const acs = sp.entityMeta.getAssertionConsumerService('post');
    const now = new Date();
    const id = `_${randomBytes(16).toString('hex')}`;
    const values: Record<string, string | null> = {
      ID: id,
      AssertionID: `_${randomBytes(16).toString('hex')}`,
      Destination: o.destination ?? acs,
      Audience: o.audience ?? spEntityId,
      SubjectRecipient: o.recipient ?? acs,
      Issuer: o.issuer ?? this.entityId,
      IssueInstant: now.toISOString(),
      StatusCode: samlify.Constants.StatusCode.Success,
      ConditionsNotBefore: (o.notBefore ?? new Date(now.getTime() - 1000)).toISOString(),
      ConditionsNotOnOrAfter: (o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString(),
      SubjectConfirmationDataNotOnOrAfter: (o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString(),
      NameIDFormat: account.nameIdFormat ?? EMAIL_FORMAT,
      NameID: account.nameId,
      // null drops the attribute: an unsolicited response answers no request.
      InResponseTo: o.inResponseTo ?? null,
    };
    const idp = o.rogueKey ? this.rogue : this.idp;
    const { context } = await idp.createLoginResponse(
      sp,
      {},
      'post',
      { email: nameId },
      {
        customTagReplacement: (template: string) => ({
          id,
          context: samlify.SamlLib.replaceTagsByValue(
            template
              .replace('{AuthnStatement}', authnStatement(now))
              .replace('{AttributeStatement}', attributeStatement(account.attributes ?? {})),
            values,
          ),
        }),
      },
    );
    let xml = Buffer.from(context, 'base64').toString('utf8');
    if (o.tamper) xml = o.tamper(xml);
    const fields: Record<string, string> = { SAMLResponse: Buffer.from(xml).toString('base64') };
    if (o.relayState) fields.RelayState = o.relayState;
    return { acs, fields, xml };
  }

  /** The SP as samlify sees it, from the metadata served at its entity id. */
  private async serviceProvider(spEntityId: string) {
    const res = await fetch(spEntityId);
    if (res.status !== 200) throw new Error(`SP metadata at ${spEntityId}: ${res.status} ${await res.text()}`);
    return samlify.ServiceProvider({ metadata: await res.text() });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    try {
      if (req.method === 'GET' && url.pathname === '/saml/metadata') {
        res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(this.metadata());
        return;
      }
      if (req.method === 'GET' && url.pathname === '/saml/sso') {
        const request = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
        const id = /<(?:\w+:)?AuthnRequest[^>]*\sID="([^"]+)"/.exec(request)?.[1];
        const issuer = /<(?:\w+:)?Issuer[^>]*>([^<]+)</.exec(request)?.[1];
        if (!id || !issuer) {
          res.writeHead(400).end('not an AuthnRequest');
          return;
        }
        // samlify checks the request against the SP's metadata as a real IdP would.
        await this.idp.parseLoginRequest(await this.serviceProvider(issuer), 'redirect', {
          query: Object.fromEntries(url.searchParams),
          octetString: '',
        });
        const uid = randomBytes(8).toString('hex');
        this.pending.set(uid, { id, issuer, relayState: url.searchParams.get('RelayState') });
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<form method="post" action="/saml/sso/${uid}/login"><input name="login"></form>`);
        return;
      }
      const login = /^\/saml\/sso\/([0-9a-f]+)\/login$/.exec(url.pathname);
      if (req.method === 'POST' && login) {
        const pending = this.pending.get(login[1]);
        const nameId = new URLSearchParams(await readBody(req)).get('login') ?? '';
        if (!pending || !this.accounts.has(nameId)) {
          res.writeHead(400).end('unknown login');
          return;
        }
        this.pending.delete(login[1]);
        const options = this.next;
        this.next = {};
        const posted = await this.respond(pending.issuer, nameId, {
          ...options,
          inResponseTo: pending.id,
          relayState: pending.relayState,
        });
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          `<form method="post" action="${escape(posted.acs)}">${Object.entries(posted.fields)
            .map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(v)}">`)
            .join('')}</form>`,
        );
        return;
      }
      res.writeHead(404).end();
    } catch (err) {
      if (res.headersSent) res.destroy();
      else res.writeHead(500).end((err as Error).message);
    }
  }
}

function authnStatement(now: Date): string {
  return `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_${randomBytes(8).toString('hex')}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
}

function attributeStatement(attributes: Record<string, string | string[]>): string {
  const entries = Object.entries(attributes);
  if (!entries.length) return '';
  const attrs = entries
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${escape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">${[value]
          .flat()
          .map((v) => `<saml:AttributeValue xsi:type="xs:string">${escape(v)}</saml:AttributeValue>`)
          .join('')}</saml:Attribute>`,
    )
    .join('');
  return `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>`;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}
