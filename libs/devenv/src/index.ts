export * from './free-port';
export * from './embedded-postgres';
export * from './redis-server';
export * from './local-services';
export * from './app-role';
