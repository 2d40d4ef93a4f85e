export * from './sso.module';
export * from './providers/sso-provider.entity';
export * from './providers/provider-secrets';
export * from './login/sso-identity.entity';
export * from './catalogue';
