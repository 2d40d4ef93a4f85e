import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { emptyToUndefined, IntRange, Setting, Settings, SettingsGroup } from './setting';

/** Outgoing email and the links it carries. */
@SettingsGroup('mail', 'Mail')
export class MailSettings extends Settings {
  @Setting({
    description:
      '`smtp://user:pass@host:587` or `smtps://…`; required in production; without it (development) the worker writes each email as an `.eml` file under `MAIL_DIR` and logs its link',
    sensitive: true,
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Setting({ description: 'sender of every email' })
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Stratum <no-reply@stratum.local>';

  @Setting({ description: 'where development emails are written' })
  @IsString()
  MAIL_DIR = '.data/mail';

  @Setting({ description: 'delivery attempts per email (exponential backoff from 2 s)' })
  @IntRange(1, 25)
  MAIL_ATTEMPTS = 8;

  @Setting({
    description:
      'base of the links sent by email (`/accept-invitation`, `/reset-password`, `/verify-email`, each with `tenant` and `token` parameters): your front end; by default the API\u2019s own built-in account pages',
    default: '`PUBLIC_API_URL`',
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_APP_URL must be an http(s) URL' })
  PUBLIC_APP_URL?: string;
}
