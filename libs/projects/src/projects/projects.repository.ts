import { Injectable } from '@nestjs/common';
import { containsPattern, encodeCursor, KeysetSort, Page, paginate } from '@stratum/common';
import { GenerateSql, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';
import { Project } from './project.entity';

/** A cursor as pages hand them out, for the samples. */
export const SAMPLE_CURSOR = encodeCursor({ v: '2026-01-01 00:00:00+00', id: SAMPLE.uuid });

const NEWEST_FIRST: KeysetSort<Project> = { property: 'createdAt', column: 'created_at', direction: 'DESC' };

/** The tenant's projects. */
@Injectable()
export class ProjectsRepository {
  /**
   * A keyset page of projects: among `visible` (null: all), whose name contains `q` if given.
   * An empty `visible` matches nothing, without a query.
   */
  @GenerateSql(
    { params: [null, undefined, NEWEST_FIRST, 20] },
    { name: 'granted, searched, next page', params: [[SAMPLE.uuid], 'acme', NEWEST_FIRST, 20, SAMPLE_CURSOR] },
  )
  async page(
    em: EntityManager,
    visible: string[] | null,
    q: string | undefined,
    sort: KeysetSort<Project>,
    limit: number,
    cursor?: string,
  ): Promise<Page<Project>> {
    const qb = em.getRepository(Project).createQueryBuilder('p');
    if (visible) {
      if (!visible.length) return { items: [], nextCursor: null };
      qb.andWhere('p.id IN (:...visible)', { visible });
    }
    if (q) qb.andWhere('lower(p.name) LIKE :like', { like: containsPattern(q) });
    return paginate(qb, sort, limit, cursor);
  }

  @GenerateSql({ params: [SAMPLE.uuid] })
  findById(em: EntityManager, id: string): Promise<Project | null> {
    return em.getRepository(Project).findOneBy({ id });
  }

  @GenerateSql({ params: [{ name: 'Website relaunch', description: '', createdBy: null }] })
  insert(em: EntityManager, project: Pick<Project, 'name' | 'description' | 'createdBy'>): Promise<Project> {
    const repo = em.getRepository(Project);
    return repo.save(repo.create(project));
  }

  /** Writes a loaded project's changed fields back. */
  @GenerateSql({
    params: async ({ em }) => {
      const project = await new ProjectsRepository().insert(em, { name: 'Website relaunch', description: '', createdBy: null });
      return [Object.assign(project, { name: 'Website relaunch 2' })];
    },
  })
  save(em: EntityManager, project: Project): Promise<Project> {
    return em.getRepository(Project).save(project);
  }

  /** Answers whether the project existed. */
  @GenerateSql({ params: [SAMPLE.uuid] })
  async delete(em: EntityManager, id: string): Promise<boolean> {
    return !!(await em.getRepository(Project).delete({ id })).affected;
  }
}
