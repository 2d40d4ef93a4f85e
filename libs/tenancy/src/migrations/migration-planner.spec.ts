import { describe, expect, it } from 'vitest';
import { compareWithLedger, planMigrations } from './migration-planner';

const set = ['A1000000000001', 'B1000000000002', 'C1000000000003'].map((name) => ({ name }));
const names = (ms: { name: string }[]) => ms.map((m) => m.name);

describe('planMigrations', () => {
  it('applies every migration the ledger lacks, in the order of the set', () => {
    expect(names(planMigrations(set, [], 'up'))).toEqual(['A1000000000001', 'B1000000000002', 'C1000000000003']);
    // A hole in the middle (a migration added between two applied ones) is filled too.
    expect(names(planMigrations(set, ['C1000000000003', 'A1000000000001'], 'up'))).toEqual(['B1000000000002']);
  });

  it('applies nothing to an up-to-date schema, and ignores names the set does not know', () => {
    expect(planMigrations(set, [...names(set), 'Z9000000000009'], 'up')).toEqual([]);
  });

  it('reverts only the latest applied migration of the set', () => {
    expect(names(planMigrations(set, ['A1000000000001', 'B1000000000002'], 'down'))).toEqual(['B1000000000002']);
    expect(names(planMigrations(set, ['B1000000000002', 'A1000000000001', 'C1000000000003'], 'down'))).toEqual([
      'C1000000000003',
    ]);
  });

  it('reverts nothing when nothing of the set is applied, even if the ledger lists unknown names', () => {
    expect(planMigrations(set, [], 'down')).toEqual([]);
    expect(planMigrations(set, ['Z9000000000009'], 'down')).toEqual([]);
  });

  it('answers the migration objects themselves, so the runner can execute them', () => {
    const [step] = planMigrations(set, [], 'up');
    expect(step).toBe(set[0]);
  });
});

describe('compareWithLedger', () => {
  it('splits the set into applied and pending, in its order, and names what only the ledger knows', () => {
    expect(compareWithLedger(set, ['Z9000000000009', 'C1000000000003', 'A1000000000001'])).toEqual({
      applied: ['A1000000000001', 'C1000000000003'],
      pending: ['B1000000000002'],
      unknown: ['Z9000000000009'],
    });
  });
});
