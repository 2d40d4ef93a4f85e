import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { KeyRing } from '@stratum/common';
import { AppConfig, loadConfig, SETTINGS_GROUPS, SettingsGroupClass, settingsSlice } from './app-config';
import { KeySettings } from './settings/key.settings';

/**
 * Provides the validated AppConfig everywhere, and each group of it (WebhookSettings,
 * RedisSettings…) on its own, so a service names the settings it depends on. Tests pass a
 * config of their own.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    const slices: Provider[] = (SETTINGS_GROUPS as readonly SettingsGroupClass[]).map((group) => ({
      provide: group,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => settingsSlice(c, group),
    }));
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useFactory: () => config ?? loadConfig() },
        ...slices,
        {
          provide: KeyRing,
          inject: [KeySettings],
          useFactory: (c: KeySettings) => KeyRing.parse(c.ENCRYPTION_KEYS, c.ENCRYPTION_KEY_ID),
        },
      ],
      exports: [AppConfig, ...SETTINGS_GROUPS, KeyRing],
    };
  }
}
