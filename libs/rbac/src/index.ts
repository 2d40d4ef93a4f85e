export * from './rbac.module';
export * from './catalogue/permissions';
export * from './catalogue/system-roles';
export * from './policy/policy.decorators';
export * from './policy/route-policy';
export * from './policy/policy.guard';
export * from './permissions/permission-resolver.service';
export * from './roles/role-assignments.service';
