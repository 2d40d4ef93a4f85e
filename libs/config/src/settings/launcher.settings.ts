import { Setting, SettingsGroup } from './setting';

/**
 * Variables only `npm start` (apps/cli) reads, documented beside the others; the API and the
 * worker never see them, so they are not part of AppConfig.
 */
@SettingsGroup('launcher', '`npm start`')
export class LauncherSettings {
  @Setting({ description: '`npm start` only: `false` skips the demo tenant' })
  DEMO_TENANT = 'true';
}
