import { CTX_REQUEST, RequestMeta } from '@stratum/common';
import type { ClsService } from 'nestjs-cls';
import type { ClientMeta } from '../sessions/session.service';

export function clientMeta(cls: ClsService): ClientMeta {
  const meta = cls.isActive() ? cls.get<RequestMeta | undefined>(CTX_REQUEST) : undefined;
  return { ip: meta?.ip, userAgent: meta?.userAgent };
}
