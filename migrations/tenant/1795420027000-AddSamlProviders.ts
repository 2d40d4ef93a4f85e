import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SAML 2.0 identity providers: a fourth provider type, configured by its `saml` settings (IdP
 * entity id, SSO URL, signing certificates, attribute mapping) instead of a client id and secret.
 * The groups a provider last asserted for a linked account are kept beside the link.
 */
export class AddSamlProviders1795420027000 implements MigrationInterface {
  name = 'AddSamlProviders1795420027000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE sso_providers DROP CONSTRAINT sso_providers_type_check`);
    await qr.query(
      `ALTER TABLE sso_providers ADD CONSTRAINT sso_providers_type_check CHECK (type IN ('entra', 'google', 'oidc', 'saml'))`,
    );
    await qr.query(`ALTER TABLE sso_providers ALTER COLUMN client_id DROP NOT NULL, ALTER COLUMN client_secret DROP NOT NULL`);
    await qr.query(`ALTER TABLE sso_providers ADD COLUMN saml jsonb`);
    await qr.query(
      `ALTER TABLE sso_providers ADD CONSTRAINT sso_providers_saml_check CHECK (
         (type = 'saml') = (saml IS NOT NULL)
         AND (type = 'saml' OR (client_id IS NOT NULL AND client_secret IS NOT NULL)))`,
    );
    await qr.query(`ALTER TABLE sso_identities ADD COLUMN groups text[]`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM sso_providers WHERE type = 'saml'`);
    await qr.query(`ALTER TABLE sso_identities DROP COLUMN groups`);
    await qr.query(`ALTER TABLE sso_providers DROP CONSTRAINT sso_providers_saml_check`);
    await qr.query(`ALTER TABLE sso_providers DROP COLUMN saml`);
    await qr.query(`ALTER TABLE sso_providers ALTER COLUMN client_id SET NOT NULL, ALTER COLUMN client_secret SET NOT NULL`);
    await qr.query(`ALTER TABLE sso_providers DROP CONSTRAINT sso_providers_type_check`);
    await qr.query(
      `ALTER TABLE sso_providers ADD CONSTRAINT sso_providers_type_check CHECK (type IN ('entra', 'google', 'oidc'))`,
    );
  }
}
