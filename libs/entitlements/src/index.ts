export * from './plans';
export * from './plan-enforcer.service';
export * from './require-feature.decorator';
export * from './plan-feature.guard';
export * from './tenant-usage.service';
export * from './api-quota.guard';
export * from './entitlements.module';
