export * from './app-config';
export * from './config.module';
export * from './database-clusters';
export * from './jwt-keys';
export * from './dotenv';
