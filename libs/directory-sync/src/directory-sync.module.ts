import { Global, Module } from '@nestjs/common';
import { DirectoryAuthenticator, ErrorDialect } from '@stratum/common';
import { DirectoryEventLog } from './events/directory-event-log.service';
import { DirectoryEventsRepository } from './events/directory-events.repository';
import { DirectorySyncController } from './mappings/directory-sync.controller';
import { GroupRolesService } from './mappings/group-roles.service';
import { DirectoryRepository } from './scim/directory.repository';
import { RoleSync } from './scim/role-sync.service';
import { ScimContext } from './scim/scim-context';
import { ScimErrorDialect } from './scim/scim-error';
import { ScimDiscoveryController } from './scim/scim-discovery.controller';
import { ScimGroupsController } from './scim/scim-groups.controller';
import { ScimGroupsService } from './scim/scim-groups.service';
import { ScimUsersController } from './scim/scim-users.controller';
import { ScimUsersService } from './scim/scim-users.service';
import { DirectoryTokensController } from './tokens/directory-tokens.controller';
import { DirectoryTokensRepository } from './tokens/directory-tokens.repository';
import { DirectoryTokensService } from './tokens/directory-tokens.service';

/**
 * Directory sync: SCIM 2.0 provisioning per tenant (Entra ID, Okta, Google) at /scim/v2, with
 * tokens, group-to-role mappings and the log of what the directory changed under
 * /api/v1/directory-sync. Global because authentication, below it, recognises its tokens
 * through the DirectoryAuthenticator it provides, and the global error filter answers the SCIM
 * service's requests in SCIM through the ErrorDialect it provides.
 */
@Global()
@Module({
  controllers: [
    DirectoryTokensController,
    DirectorySyncController,
    ScimDiscoveryController,
    ScimUsersController,
    ScimGroupsController,
  ],
  providers: [
    DirectoryTokensRepository,
    DirectoryTokensService,
    { provide: DirectoryAuthenticator, useExisting: DirectoryTokensService },
    DirectoryEventsRepository,
    DirectoryEventLog,
    DirectoryRepository,
    RoleSync,
    ScimContext,
    ScimUsersService,
    ScimGroupsService,
    GroupRolesService,
    { provide: ErrorDialect, useClass: ScimErrorDialect },
  ],
  exports: [DirectoryAuthenticator, ErrorDialect],
})
export class DirectorySyncModule {}
