export * from './client-address';
export * from './ip-allowlist';
export * from './ip-allowlist.guard';
export * from './rate-limit.decorator';
export * from './rate-limit.guard';
export * from './admission.module';
