import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';
import { parseClusterList } from './database-clusters';

describe('parseClusterList (DATABASE_CLUSTERS)', () => {
  it('reads name=url pairs, trimming spaces', () => {
    expect(parseClusterList(' eu2=postgres://a@h1:5432/db , us_1=postgresql://b:p%2Cw@h2/db2')).toEqual({
      eu2: 'postgres://a@h1:5432/db',
      us_1: 'postgresql://b:p%2Cw@h2/db2',
    });
    expect(parseClusterList(undefined)).toEqual({});
    expect(parseClusterList('  ')).toEqual({});
  });

  it('refuses main, duplicates, bad names and non-postgres URLs', () => {
    expect(() => parseClusterList('main=postgres://h/db')).toThrow(/main/);
    expect(() => parseClusterList('eu2=postgres://h/a,eu2=postgres://h/b')).toThrow(/twice/);
    for (const bad of ['EU2=postgres://h/db', '2eu=postgres://h/db', 'eu 2=postgres://h/db', '=postgres://h/db', 'eu2']) {
      expect(() => parseClusterList(bad), bad).toThrow(/invalid cluster name/);
    }
    expect(() => parseClusterList('eu2=mysql://h/db')).toThrow(/postgres/);
  });

  it('is validated by loadConfig, which names the variable', () => {
    const env = { DATABASE_URL: 'postgres://h/db' };
    expect(loadConfig({ ...env, DATABASE_CLUSTERS: 'eu2=postgres://h2/db' }, ['DATABASE_URL']).databaseClusters).toEqual({
      eu2: 'postgres://h2/db',
    });
    expect(() => loadConfig({ ...env, DATABASE_CLUSTERS: 'main=postgres://h2/db' }, ['DATABASE_URL'])).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, DATABASE_CLUSTERS: 'main=postgres://h2/db' }, ['DATABASE_URL'])).toThrow(
      /DATABASE_CLUSTERS/,
    );
  });

  it('recycles pooled connections by default and accepts 0 to never', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://h/db' }, ['DATABASE_URL']);
    expect(config.DATABASE_POOL_MAX_USES).toBeGreaterThan(0);
    expect(config.DATABASE_POOL_MAX_LIFETIME_SECONDS).toBeGreaterThan(0);
    const off = loadConfig(
      { DATABASE_URL: 'postgres://h/db', DATABASE_POOL_MAX_USES: '0', DATABASE_POOL_MAX_LIFETIME_SECONDS: '0' },
      ['DATABASE_URL'],
    );
    expect([off.DATABASE_POOL_MAX_USES, off.DATABASE_POOL_MAX_LIFETIME_SECONDS]).toEqual([0, 0]);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://h/db', DATABASE_POOL_MAX_USES: '-1' }, ['DATABASE_URL'])).toThrow(
      /DATABASE_POOL_MAX_USES/,
    );
  });
});
