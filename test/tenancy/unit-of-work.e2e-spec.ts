import { Body, Controller, Module, Post } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { Project } from '@stratum/projects';
import { RequirePermissions } from '@stratum/rbac';
import { IsBoolean, IsString } from 'class-validator';
import { Tenant, TenantDatabase, TenantRegistry, TenantScoped } from '@stratum/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken } from '../support/fixtures';

class WriteBody {
  @IsString()
  name: string;

  @IsBoolean()
  fail: boolean;
}

/** Writes a project, then fails or not: the request's transaction must follow the outcome. */
@TenantScoped()
@Controller('test-uow')
class WriteThenFailController {
  constructor(private readonly db: TenantDatabase) {}

  @Post('write-then')
  @RequirePermissions('projects:create')
  async write(@Body() body: WriteBody) {
    const em = await this.db.manager();
    await em.getRepository(Project).save({ name: body.name, description: '' });
    if (body.fail) throw new DomainError('CONFLICT', 'failing after the write');
    return { ok: true };
  }
}

@Module({ controllers: [WriteThenFailController] })
class WriteThenFailModule {}

/** The unit of work: one transaction per request or job, finished exactly once. */
describe('tenant unit of work', () => {
  let api: TestApi;
  let tenant: Tenant;
  let db: TenantDatabase;

  beforeAll(async () => {
    api = await startApi({}, [WriteThenFailModule]);
    const t = await createTenant(api, await superAdminToken(api));
    tenant = (await api.app.get(TenantRegistry).find(t.id))!;
    db = api.app.get(TenantDatabase);
  });

  afterAll(() => api?.close());

  const names = () => db.run(tenant, async (em) => (await em.getRepository(Project).find()).map((p) => p.name));

  it('commits everything a unit of work did when it succeeds', async () => {
    await db.run(tenant, async (em) => {
      await em.getRepository(Project).save({ name: 'kept-1', description: '' });
      await em.getRepository(Project).save({ name: 'kept-2', description: '' });
    });
    expect(await names()).toEqual(expect.arrayContaining(['kept-1', 'kept-2']));
  });

  it('rolls back everything, saves included, when it throws', async () => {
    await expect(
      db.run(tenant, async (em) => {
        await em.getRepository(Project).save({ name: 'lost-1', description: '' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await names()).not.toContain('lost-1');
  });

  it('turns a nested transaction into a savepoint inside the unit of work', async () => {
    await db.run(tenant, async (em) => {
      await em
        .transaction(async (inner) => {
          await inner.getRepository(Project).save({ name: 'inner-rolled-back', description: '' });
          throw new Error('inner failure');
        })
        .catch(() => undefined);
      await em.getRepository(Project).save({ name: 'outer-kept', description: '' });
    });
    const all = await names();
    expect(all).toContain('outer-kept');
    expect(all).not.toContain('inner-rolled-back');
  });

  it('commits a request before answering it, and rolls back a request that fails after writing', async () => {
    const t = await createTenant(api, await superAdminToken(api));
    const ok = await api.call('POST', '/api/v1/test-uow/write-then', {
      token: t.token,
      body: { name: 'committed-by-request', fail: false },
    });
    expect(ok.status).toBe(201);
    const failed = await api.call('POST', '/api/v1/test-uow/write-then', {
      token: t.token,
      body: { name: 'rolled-back-by-request', fail: true },
    });
    expect(failed.status).toBe(409);
    expect(failed.body.code).toBe('CONFLICT');
    const list = await api.call('GET', '/api/v1/projects', { token: t.token });
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['committed-by-request']);
  });
});
