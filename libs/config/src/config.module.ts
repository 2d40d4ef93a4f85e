import { DynamicModule, Global, Module } from '@nestjs/common';
import { KeyRing } from '@stratum/common';
import { AppConfig, loadConfig } from './app-config';

/** Provides the validated AppConfig everywhere. Tests pass a config of their own. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useFactory: () => config ?? loadConfig() },
        {
          provide: KeyRing,
          inject: [AppConfig],
          useFactory: (c: AppConfig) => KeyRing.parse(c.ENCRYPTION_KEYS, c.ENCRYPTION_KEY_ID),
        },
      ],
      exports: [AppConfig, KeyRing],
    };
  }
}
