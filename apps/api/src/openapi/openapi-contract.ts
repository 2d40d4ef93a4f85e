import { INestApplication } from '@nestjs/common';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_ERRORS, ERROR_CODES, ErrorCode } from '@stratum/common';
import { ALLOW_WHILE_IMPERSONATING, NOT_WHILE_IMPERSONATING, POLICY, RoutePolicy } from '@stratum/rbac';
import { TENANT_SCOPED } from '@stratum/tenancy';
import { REQUIRED_FEATURE } from '@stratum/entitlements';
import { mountedRoutes } from '../mounted-routes';

const PROBLEM = '#/components/schemas/Problem';
const SCIM_ERROR = '#/components/schemas/ScimError';
const SCIM_MEDIA_TYPE = 'application/scim+json';
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

interface RouteFacts {
  policy?: RoutePolicy;
  tenantScoped: boolean;
  feature?: string;
  declared: ErrorCode[];
  openUnderImpersonation: boolean;
  refusedUnderImpersonation: boolean;
}

/** The RFC 9457 problem document every error of the API is, with the product's extension members. */
export function problemSchemas(): Record<string, SchemaObject> {
  return {
    FieldError: {
      type: 'object',
      required: ['field', 'message'],
      properties: {
        field: { type: 'string', example: 'admin.email', description: 'The field, dotted for nested ones' },
        message: { type: 'string', example: 'admin.email must be an email' },
      },
    },
    Problem: {
      type: 'object',
      description: 'An error (RFC 9457). Branch on `code`, never on `title` or `detail`.',
      required: ['type', 'title', 'status', 'detail', 'code'],
      properties: {
        type: { type: 'string', example: '/api/v1/errors/VALIDATION_FAILED', description: 'Where the code is explained' },
        title: { type: 'string', example: 'Validation failed' },
        status: { type: 'integer', example: 400 },
        detail: { type: 'string', example: 'name must be shorter than or equal to 200 characters' },
        code: { type: 'string', enum: Object.keys(ERROR_CODES), example: 'VALIDATION_FAILED' },
        instance: { type: 'string', example: '/api/v1/projects', description: 'The path of the request' },
        requestId: { type: 'string', format: 'uuid', description: 'Quote it when reporting a problem' },
        errors: {
          type: 'array',
          items: { $ref: '#/components/schemas/FieldError' },
          description: 'VALIDATION_FAILED: each invalid field',
        },
        limit: { type: 'string', description: 'PLAN_LIMIT, BREAK_GLASS_LIMIT: the limit reached', example: 'seats' },
        max: { type: 'integer', description: 'PLAN_LIMIT, BREAK_GLASS_LIMIT: what the limit allows' },
        current: { type: 'integer', description: 'PLAN_LIMIT, BREAK_GLASS_LIMIT: what is used now' },
        plan: { type: 'string', description: 'PLAN_LIMIT, FEATURE_NOT_IN_PLAN: the tenant\u2019s plan' },
        feature: { type: 'string', description: 'FEATURE_NOT_IN_PLAN: the feature missing', example: 'custom_roles' },
        missing: {
          type: 'array',
          items: { type: 'string' },
          description: 'FORBIDDEN: the permissions the caller lacks',
          example: ['users:delete'],
        },
        holdsUntil: {
          type: 'string',
          format: 'date-time',
          description: 'FORBIDDEN: until when the caller holds the authority it tried to hand out',
        },
        ip: { type: 'string', description: 'IP_NOT_ALLOWED: the address refused' },
        reason: { type: 'string', description: 'SSO_FAILED and others: why, in a word' },
        rateLimit: { type: 'string', description: 'RATE_LIMITED: which limit', example: 'login' },
        per: { type: 'string', description: 'RATE_LIMITED: what it counts per', example: 'ip' },
      },
      additionalProperties: true,
    },
    ScimError: {
      type: 'object',
      description: 'An error of the SCIM service (RFC 7644 \u00a73.12): identity providers read this, not problem+json.',
      required: ['schemas', 'status', 'detail'],
      properties: {
        schemas: { type: 'array', items: { type: 'string', enum: ['urn:ietf:params:scim:api:messages:2.0:Error'] } },
        status: { type: 'string', example: '409', description: 'The HTTP status, as a string' },
        scimType: {
          type: 'string',
          enum: [
            'invalidFilter',
            'tooMany',
            'uniqueness',
            'mutability',
            'invalidSyntax',
            'invalidPath',
            'noTarget',
            'invalidValue',
            'invalidVers',
            'sensitive',
          ],
        },
        detail: { type: 'string', example: 'A user with userName ada@example.com already exists' },
      },
    },
  };
}

/** Every route handler with the facts its guards act on, keyed `get /api/v1/users/{id}`. */
function routeFacts(app: INestApplication, prefix: string): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const route of mountedRoutes(app, prefix)) {
    facts.set(`${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`, {
      policy: route.meta<RoutePolicy>(POLICY),
      tenantScoped: !!route.meta<boolean>(TENANT_SCOPED),
      feature: route.meta<string>(REQUIRED_FEATURE),
      declared: route.meta<ErrorCode[]>(API_ERRORS) ?? [],
      openUnderImpersonation: !!route.meta<boolean>(ALLOW_WHILE_IMPERSONATING),
      refusedUnderImpersonation: !!route.meta<boolean>(NOT_WHILE_IMPERSONATING),
    });
  }
  return facts;
}

/** The codes an operation can answer: implied by what it passes through, plus its own. */
export function errorCodesFor(method: string, path: string, op: OperationObject, facts: RouteFacts): ErrorCode[] {
  const ownToken = (op.security ?? []).some((s) => 'bearer' in s);
  const codes = new Set<ErrorCode>(['INTERNAL_ERROR', 'SERVICE_UNAVAILABLE', 'REQUEST_HEADERS_TOO_LARGE']);
  const operational = /^\/(health|metrics)(\/|$)/.test(path);
  if (!operational) codes.add('RATE_LIMITED');
  const params = (op.parameters ?? []) as ParameterObject[];
  if (params.some((p) => p.in === 'path' || p.in === 'query')) codes.add('VALIDATION_FAILED');
  if (op.requestBody)
    ['VALIDATION_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].forEach((c) => codes.add(c as ErrorCode));
  // A path parameter is percent-decoded: a malformed escape (`/projects/%E0%A4%A`) is BAD_REQUEST.
  if (params.some((p) => p.in === 'path')) ['NOT_FOUND', 'BAD_REQUEST'].forEach((c) => codes.add(c as ErrorCode));
  const kind = facts.policy?.kind;
  if ((kind && kind !== 'public') || ownToken) {
    codes.add('UNAUTHENTICATED');
    codes.add('FORBIDDEN');
    codes.add('MFA_SETUP_REQUIRED');
  }
  const tenant = kind === 'permissions' || (facts.tenantScoped && kind !== 'platform');
  if (tenant) {
    ['TENANT_NOT_FOUND', 'TENANT_SUSPENDED', 'TENANT_MISMATCH', 'IP_NOT_ALLOWED'].forEach((c) => codes.add(c as ErrorCode));
    // Without a tenant of its own (sign-in, or a platform token on a tenant route) the request must name one.
    codes.add('TENANT_REQUIRED');
    if (kind !== 'public' && (WRITES.has(method) || facts.refusedUnderImpersonation)) codes.add('IMPERSONATION_FORBIDDEN');
    if (kind === 'permissions') codes.add('PLAN_LIMIT'); // the daily API-call quota
  }
  if (kind === 'directory') {
    // The SCIM service: its token names the tenant; the tenant's IP allowlist and API-call quota apply.
    ['TENANT_NOT_FOUND', 'TENANT_SUSPENDED', 'IP_NOT_ALLOWED', 'PLAN_LIMIT'].forEach((c) => codes.add(c as ErrorCode));
    codes.delete('MFA_SETUP_REQUIRED');
  }
  if (facts.feature) codes.add('FEATURE_NOT_IN_PLAN');
  for (const code of facts.declared) codes.add(code);
  return [...codes];
}

/** A short verb-first operation id: `listProjects`, `getProject`, `startImpersonation`. */
export function operationIdFor(controllerKey: string, methodKey: string): string {
  const override = OPERATION_IDS[`${controllerKey}.${methodKey}`];
  if (override) return override;
  const resource = controllerKey.replace(/Controller$/, '');
  const plural = resource.endsWith('s') ? resource : `${resource}s`;
  const singular = resource.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
  const verbs: Record<string, string> = { list: `list${plural}`, remove: `delete${singular}` };
  return verbs[methodKey] ?? `${methodKey}${singular}`;
}

/** Where the rule above does not read well (or would collide). */
const OPERATION_IDS: Record<string, string> = {
  'HealthController.live': 'getLiveness',
  'HealthController.ready': 'getReadiness',
  'ErrorsController.list': 'listErrorCodes',
  'ErrorsController.get': 'getErrorCode',
  'PermissionsController.list': 'listPermissions',
  'UserRolesController.list': 'listUserRoles',
  'UserRolesController.assign': 'assignRole',
  'UserRolesController.unassign': 'unassignRole',
  'UsersController.me': 'getMe',
  'UsersController.updateMe': 'updateMe',
  'UsersController.stats': 'getUserStats',
  'UsersController.bulk': 'inviteUsersInBulk',
  'UserAccessController.invite': 'inviteUser',
  'UserAccessController.resend': 'resendInvitation',
  'UserAccessController.revoke': 'revokeInvitation',
  'UserAccessController.unlock': 'unlockUser',
  'UserAccessController.sessions': 'listUserSessions',
  'UserAccessController.revokeAll': 'revokeUserSessions',
  'UserAccessController.revokeOne': 'revokeUserSession',
  'ApiKeysController.revoke': 'revokeApiKey',
  'TenantsController.stats': 'getTenantStats',
  'DashboardController.dashboard': 'getPlatformDashboard',
  'PlatformStaffController.list': 'listPlatformUsers',
  'PlatformStaffController.create': 'createPlatformUser',
  'PlatformStaffController.get': 'getPlatformUser',
  'PlatformStaffController.update': 'updatePlatformUser',
  'PlatformStaffController.deactivate': 'deactivatePlatformUser',
  'PlatformStaffController.reactivate': 'reactivatePlatformUser',
  'TenantProfileController.get': 'getOwnTenant',
  'TenantProfileController.update': 'updateOwnTenant',
  'TenantProfileController.usage': 'getOwnTenantUsage',
  'TenantProfileController.supportAccess': 'getSupportAccess',
  'TenantProfileController.grant': 'grantSupportAccess',
  'TenantProfileController.revoke': 'revokeSupportAccess',
  'AuditController.list': 'listAuditEvents',
  'AuditController.get': 'getAuditEvent',
  'AuditController.verify': 'verifyAuditTrail',
  'AuditController.export': 'exportAuditEvents',
  'AuditController.accessControl': 'getAccessControlReport',
  'AuditController.changes': 'getChangesReport',
  'AuditController.security': 'getSecurityReport',
  'PlatformAuditController.list': 'listPlatformAuditEvents',
  'PlatformAuditController.get': 'getPlatformAuditEvent',
  'PlatformAuditController.verify': 'verifyPlatformAuditTrail',
  'TenantAuditForStaffController.list': 'listTenantAuditEventsForStaff',
  'TenantAuditForStaffController.verify': 'verifyTenantAuditTrailForStaff',
  'ProjectGrantsController.list': 'listProjectGrants',
  'ProjectGrantsController.grant': 'grantOnProject',
  'ProjectGrantsController.revoke': 'revokeProjectGrant',
  'EventTypesController.list': 'listWebhookEventTypes',
  'EndpointsController.list': 'listWebhookEndpoints',
  'EndpointsController.create': 'createWebhookEndpoint',
  'EndpointsController.get': 'getWebhookEndpoint',
  'EndpointsController.update': 'updateWebhookEndpoint',
  'EndpointsController.remove': 'deleteWebhookEndpoint',
  'EndpointsController.rotateSecret': 'rotateWebhookEndpointSecret',
  'EndpointsController.test': 'testWebhookEndpoint',
  'EndpointsController.recover': 'recoverWebhookEndpoint',
  'MessagesController.list': 'listWebhookMessages',
  'MessagesController.get': 'getWebhookMessage',
  'MessagesController.attempts': 'listWebhookMessageAttempts',
  'MessagesController.retry': 'retryWebhookMessage',
  'SsoLoginController.start': 'startSsoLogin',
  'SsoLoginController.callback': 'completeSsoLogin',
  'SsoLoginController.callbackPost': 'completeSsoLoginByPost',
  'SsoLoginController.exchange': 'exchangeSsoCode',
  'SsoLoginController.discover': 'discoverSso',
  'MetricsController.scrape': 'getMetrics',
  'ImpersonationController.start': 'startImpersonation',
  'ImpersonationController.end': 'endImpersonation',
  'AccountRecoveryController.requestReset': 'requestPasswordReset',
  'AccountRecoveryController.confirmReset': 'confirmPasswordReset',
  'AccountRecoveryController.requestVerification': 'requestEmailVerification',
  'AccountRecoveryController.confirmVerification': 'confirmEmailVerification',
  'AccountRecoveryController.accept': 'acceptInvitation',
};

/** Account routes exist twice (tenant users and platform staff): the platform ones carry the prefix. */
const AUTH_CONTROLLERS: Record<string, string> = { TenantAuthController: '', PlatformAuthController: 'platform' };

export function operationIdFactory(controllerKey: string, methodKey: string): string {
  if (controllerKey in AUTH_CONTROLLERS) {
    const prefix = AUTH_CONTROLLERS[controllerKey];
    const name = methodKey === 'sessions' ? 'listSessions' : methodKey === 'history' ? 'getLoginHistory' : methodKey;
    return prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name;
  }
  return operationIdFor(controllerKey, methodKey);
}

/**
 * Makes the generated document tell the truth: each operation's security from its policy
 * (tenant routes a bearer token or an API key, platform routes a bearer token, public routes
 * none; `X-Tenant` a required header where a route needs it before sign-in), and every error it
 * can answer under its status as `application/problem+json`, from one Problem schema.
 */
export function finalizeDocument(app: INestApplication, document: OpenAPIObject, prefix: string): OpenAPIObject {
  const facts = routeFacts(app, prefix);
  document.components = document.components ?? {};
  document.components.schemas = { ...problemSchemas(), ...(document.components.schemas ?? {}) };
  if (document.components.securitySchemes) delete document.components.securitySchemes['tenant'];
  const responses: Record<string, ResponseObject> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const route = facts.get(`${method} ${path}`);
      if (!route) throw new Error(`OpenAPI: no route behind ${method.toUpperCase()} ${path}`);
      const kind = route.policy?.kind;
      // A public route that checks a token of its own (the metrics scrape token) says so explicitly.
      const ownToken = kind === 'public' && (op.security ?? []).some((s) => 'bearer' in s);
      op.security =
        kind === 'directory'
          ? [{ scimToken: [] }]
          : kind === 'permissions'
            ? [{ bearer: [] }, { apiKey: [] }]
            : kind === 'authenticated' || kind === 'platform' || ownToken
              ? [{ bearer: [] }]
              : [];
      if (kind === 'public' && route.tenantScoped) {
        const tenantHeader: ParameterObject = {
          name: 'X-Tenant',
          in: 'header',
          required: true,
          description: 'The tenant (slug or id) this request is for',
          schema: { type: 'string', example: 'acme' },
        };
        op.parameters = [tenantHeader, ...((op.parameters ?? []) as ParameterObject[]).filter((p) => p.name !== 'X-Tenant')];
      }
      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of errorCodesFor(method, path, op, route)) {
        const status = ERROR_CODES[code].status;
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      }
      if (kind === 'directory') {
        scimErrors(op, byStatus, responses);
        continue;
      }
      for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
        codes.sort();
        // One shared response per set of codes: most operations answer the same sets.
        const name = codes
          .map((c) => c.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, ch: string) => ch.toUpperCase()))
          .join('Or');
        responses[name] ??= {
          description: codes.map((c) => `\`${c}\`: ${ERROR_CODES[c].title}`).join('; '),
          content: {
            'application/problem+json': {
              schema: { allOf: [{ $ref: PROBLEM }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] },
            },
          },
        };
        const own = op.responses[String(status)] as ResponseObject | undefined;
        if (own && !('$ref' in own) && own.content) {
          // The route answers this status with a body of its own too (readiness: 503 with its checks).
          own.content['application/problem+json'] = responses[name].content!['application/problem+json'];
          own.description = `${own.description || 'Not ready'}; or ${responses[name].description}`;
        } else {
          op.responses[String(status)] = { $ref: `#/components/responses/${name}` };
        }
      }
      for (const [status, response] of Object.entries(op.responses)) {
        const r = response as ResponseObject;
        if ('description' in r && !r.description) r.description = SUCCESS[status] ?? 'Success';
      }
    }
  }
  document.components.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
  document.tags = documentTags(document);
  return document;
}

/**
 * The SCIM service answers its errors in the SCIM error schema as `application/scim+json` (and
 * its successes in that media type): one shared response per status, naming the product codes
 * behind it.
 */
function scimErrors(op: OperationObject, byStatus: Map<number, ErrorCode[]>, responses: Record<string, ResponseObject>): void {
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    codes.sort();
    const name = `Scim${status}`;
    responses[name] ??= {
      description: `SCIM error ${status}`,
      content: { [SCIM_MEDIA_TYPE]: { schema: { $ref: SCIM_ERROR } } },
    };
    op.responses[String(status)] = { $ref: `#/components/responses/${name}` };
  }
  for (const [status, response] of Object.entries(op.responses)) {
    const r = response as ResponseObject;
    if ('description' in r && !r.description) r.description = SUCCESS[status] ?? 'Success';
  }
}

/** What each group of operations is about, listed once at the top of the document. */
const TAGS: Record<string, string> = {
  Auth: 'Tenant users: sign-in, tokens, MFA, password and email flows, their own sessions and login history',
  'Single sign-on': 'Identity providers (OIDC, Entra ID), claimed email domains, and signing in through them',
  Users: 'The tenant\u2019s users: invitations, profiles, status, sessions, and the caller\u2019s own account',
  Roles: 'System and custom roles, and the roles users hold',
  Permissions: 'The catalogue of permissions roles are made of',
  'API keys': 'Keys for machine access to the tenant API, with their own permissions',
  Tenant: 'The caller\u2019s tenant: settings, plan usage and support access',
  Projects: 'Projects and the grants on them',
  Documents: 'Documents inside projects',
  Webhooks: 'Endpoints, event types, messages and their delivery attempts',
  Audit: 'The tenant\u2019s tamper-evident audit trail: search, verification, export and reports',
  'Platform auth': 'Platform staff: sign-in, tokens, MFA, their own sessions and login history',
  'Platform tenants': 'Tenant provisioning, plans, limits, suspension, moves between clusters, and statistics',
  'Platform staff': 'The platform\u2019s own users and their roles',
  'Platform impersonation': 'Staff acting as a tenant user, for support, within the tenant\u2019s support-access policy',
  'Platform audit': 'The platform\u2019s audit trail, and tenants\u2019 trails as seen by staff',
  'Platform queues': 'Background jobs (email, webhook deliveries, maintenance): counts, failed jobs, retries',
  'Directory sync': 'SCIM tokens for a tenant\u2019s directory, which groups grant which roles, and what the directory changed',
  SCIM: 'SCIM 2.0 (RFC 7643/7644) at /scim/v2 for identity providers (Entra ID, Okta, Google): users and groups, with a directory-sync token',
  Errors: 'The error codes the API answers, each explained',
  Health: 'Liveness, readiness and metrics for operators',
};

function documentTags(document: OpenAPIObject): { name: string; description?: string }[] {
  const used = new Set<string>();
  for (const item of Object.values(document.paths))
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const)
      for (const tag of item[method]?.tags ?? []) used.add(tag);
  // A tag without a description here (a new one) fails the contract test, not the app.
  return [...used].sort().map((name) => (TAGS[name] ? { name, description: TAGS[name] } : { name }));
}

const SUCCESS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No content',
  '302': 'Redirect',
};
