import { Global, Module } from '@nestjs/common';
import { PermissionsController } from './catalogue/permissions.controller';
import { PermissionResolver } from './permissions/permission-resolver.service';
import { PolicyGuard } from './policy/policy.guard';
import { RoleAssignments } from './roles/role-assignments.service';

@Global()
@Module({
  controllers: [PermissionsController],
  providers: [PermissionResolver, PolicyGuard, RoleAssignments],
  exports: [PermissionResolver, PolicyGuard, RoleAssignments],
})
export class RbacModule {}
