import type { MigrationSet } from '@stratum/tenancy';
import { CreatePlatform1795419900000 } from './platform/1795419900000-CreatePlatform';
import { CreatePlatformAudit1795419940001 } from './platform/1795419940001-CreatePlatformAudit';
import { CreateImpersonations1795419950001 } from './platform/1795419950001-CreateImpersonations';
import { CreateSsoDomains1795419970001 } from './platform/1795419970001-CreateSsoDomains';
import { AddTenantCluster1795419980001 } from './platform/1795419980001-AddTenantCluster';
import { VerifiedSsoDomains1795419990001 } from './platform/1795419990001-VerifiedSsoDomains';
import { AddImpersonationMode1795420010001 } from './platform/1795420010001-AddImpersonationMode';
import { CreateIdentity1795419910000 } from './tenant/1795419910000-CreateIdentity';
import { CreateRbac1795419920000 } from './tenant/1795419920000-CreateRbac';
import { CreateProjects1795419930000 } from './tenant/1795419930000-CreateProjects';
import { CreateAudit1795419940000 } from './tenant/1795419940000-CreateAudit';
import { CreateSupportAccess1795419950000 } from './tenant/1795419950000-CreateSupportAccess';
import { CreateWebhooks1795419960000 } from './tenant/1795419960000-CreateWebhooks';
import { CreateSso1795419970000 } from './tenant/1795419970000-CreateSso';
import { AddApiKeySuspension1795420010000 } from './tenant/1795420010000-AddApiKeySuspension';
import { CreateDirectorySync1795420020000 } from './tenant/1795420020000-CreateDirectorySync';
import { AddSamlProviders1795420027000 } from './tenant/1795420027000-AddSamlProviders';
import { AddWebhookTraceContext1795420033000 } from './tenant/1795420033000-AddWebhookTraceContext';

/** Every migration, in the order it applies. Add new ones at the end; never edit a landed one. */
export const MIGRATIONS: MigrationSet = {
  platform: [
    CreatePlatform1795419900000,
    CreatePlatformAudit1795419940001,
    CreateImpersonations1795419950001,
    CreateSsoDomains1795419970001,
    AddTenantCluster1795419980001,
    VerifiedSsoDomains1795419990001,
    AddImpersonationMode1795420010001,
  ],
  tenant: [
    CreateIdentity1795419910000,
    CreateRbac1795419920000,
    CreateProjects1795419930000,
    CreateAudit1795419940000,
    CreateSupportAccess1795419950000,
    CreateWebhooks1795419960000,
    CreateSso1795419970000,
    AddApiKeySuspension1795420010000,
    CreateDirectorySync1795420020000,
    AddSamlProviders1795420027000,
    AddWebhookTraceContext1795420033000,
  ],
};
