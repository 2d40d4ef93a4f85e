import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { CTX_PRINCIPAL, DomainError, Principal } from '@stratum/common';
import { ClsServiceManager } from 'nestjs-cls';

function principalOf(kind: Principal['kind'] | undefined): Principal {
  const principal = ClsServiceManager.getClsService().get<Principal | undefined>(CTX_PRINCIPAL);
  if (!principal) throw new DomainError('UNAUTHENTICATED');
  if (kind && principal.kind !== kind) throw new DomainError('FORBIDDEN', `This route is for ${kind.replace('_', ' ')}s`);
  return principal;
}

/** The authenticated caller; `@CurrentPrincipal('tenant_user')` also asserts its kind. */
export const CurrentPrincipal = createParamDecorator((kind: Principal['kind'] | undefined, _ctx: ExecutionContext) =>
  principalOf(kind),
);

const ACCOUNT_KIND = 'stratum:accountKind';

/** On a controller: the kind of account its `@CurrentAccount()` parameters accept. */
export const AccountsOf = (kind: 'tenant_user' | 'platform_user') => SetMetadata(ACCOUNT_KIND, kind);

/**
 * The authenticated caller, asserted to be the kind of account its controller serves
 * (`@AccountsOf`): routes written once in a base controller read it in either realm.
 */
export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  principalOf(Reflect.getMetadata(ACCOUNT_KIND, ctx.getClass()) as Principal['kind']),
);
