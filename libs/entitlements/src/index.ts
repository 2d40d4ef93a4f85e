export * from './plans';
export * from './plan-enforcer.service';
export * from './require-feature.decorator';
export * from './tenant-usage.service';
export * from './entitlements.module';
