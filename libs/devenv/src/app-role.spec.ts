import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appRoleStatements, fillPsqlVariables, operatorScriptPath } from './app-role';

describe('appRoleStatements (deploy/postgres/app-role.sql as psql runs it)', () => {
  const vars = { role: 'stratum_app', password: `it's a \\ "pass"; DROP ROLE x; --`, database: 'stratum' };

  it('fills every psql variable, quoting identifiers and literals, and leaves no comment or meta-command', () => {
    const statements = appRoleStatements(vars);
    expect(statements[0]).toMatch(/^CREATE ROLE "stratum_app" LOGIN CREATEROLE NOSUPERUSER /);
    expect(statements).toContain('GRANT CONNECT, CREATE ON DATABASE "stratum" TO "stratum_app"');
    for (const s of statements) {
      expect(s).not.toMatch(/:["'][a-z_]+["']|^--|^\\/m);
      expect(s).not.toMatch(/;$/);
    }
    // The password is one literal: nothing of it runs as SQL.
    expect(statements.filter((s) => s.includes('DROP ROLE x'))).toEqual([statements[0]]);
    expect(statements[0]).toContain(`PASSWORD  E'it''s a \\\\ "pass"; DROP ROLE x; --'`);
  });

  it('refuses a variable the caller does not provide', () => {
    expect(() => appRoleStatements(vars, 'GRANT x TO :"someone_else";\n')).toThrow(/unknown variable someone_else/);
  });

  it('keeps superuser, CREATEDB and replication out of the role', () => {
    const [create] = appRoleStatements(vars);
    const words = create.split(/\s+/);
    for (const word of ['SUPERUSER', 'CREATEDB', 'REPLICATION', 'BYPASSRLS']) expect(words).not.toContain(word);
    for (const word of ['NOSUPERUSER', 'NOCREATEDB', 'NOREPLICATION', 'NOBYPASSRLS']) expect(create).toContain(word);
  });

  it('fills adopt.sql the same way, leaving the body of its DO block as written', () => {
    const script = readFileSync(operatorScriptPath('adopt.sql'), 'utf8');
    const sql = fillPsqlVariables(script, { app_role: "o'brien" });
    expect(sql).toContain(`SELECT set_config('stratum.app_role', 'o''brien', false);`);
    const body = (text: string) => text.slice(text.indexOf('DO $adopt$'), text.lastIndexOf('$adopt$'));
    const withoutComments = (text: string) => text.replace(/^\s*--.*\n/gm, '');
    expect(body(sql)).toBe(withoutComments(body(script)));
    expect(body(sql)).toContain("'pg_class'::regclass");
  });
});
