import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CTX_PRINCIPAL, DomainError, Principal } from '@stratum/common';
import { ClsServiceManager } from 'nestjs-cls';

/** The authenticated caller; `@CurrentPrincipal('tenant_user')` also asserts its kind. */
export const CurrentPrincipal = createParamDecorator((kind: Principal['kind'] | undefined, _ctx: ExecutionContext) => {
  const principal = ClsServiceManager.getClsService().get<Principal | undefined>(CTX_PRINCIPAL);
  if (!principal) throw new DomainError('UNAUTHENTICATED');
  if (kind && principal.kind !== kind) throw new DomainError('FORBIDDEN', `This route is for ${kind.replace('_', ' ')}s`);
  return principal;
});
