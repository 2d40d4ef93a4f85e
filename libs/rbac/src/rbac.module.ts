import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessService } from './access/access.service';
import { AuthorityService } from './authority/authority.service';
import { ChangesAuthorityInterceptor } from './authority/changes-authority.interceptor';
import { PermissionsController } from './catalogue/permissions.controller';
import { GrantsService } from './grants/grants.service';
import { ResourceGrant } from './grants/resource-grant.entity';
import { PermissionResolver } from './permissions/permission-resolver.service';
import { PolicyGuard } from './policy/policy.guard';
import { RoleAssignments } from './roles/role-assignments.service';
import { Role, UserRole } from './roles/role.entity';
import { RolesController, UserRolesController } from './roles/roles.controller';
import { RolesService } from './roles/roles.service';

const services = [
  PermissionResolver,
  PolicyGuard,
  RolesService,
  RoleAssignments,
  GrantsService,
  AccessService,
  AuthorityService,
  ChangesAuthorityInterceptor,
];

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Role, UserRole, ResourceGrant])],
  controllers: [PermissionsController, RolesController, UserRolesController],
  providers: services,
  exports: services,
})
export class RbacModule {}
