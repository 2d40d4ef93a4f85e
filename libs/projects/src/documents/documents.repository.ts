import { Injectable } from '@nestjs/common';
import { Page, paginate } from '@stratum/common';
import { GenerateSql, SAMPLE, SqlSampleContext } from '@stratum/database';
import type { EntityManager } from 'typeorm';
import { ProjectsRepository, SAMPLE_CURSOR } from '../projects/projects.repository';
import { Document } from './document.entity';

/** A project for samples that need one (its row lives only in the sample's transaction). */
async function sampleProject({ em }: SqlSampleContext): Promise<string> {
  return (await new ProjectsRepository().insert(em, { name: 'Website relaunch', description: '', createdBy: null })).id;
}

/** The documents of the tenant's projects. */
@Injectable()
export class DocumentsRepository {
  /** A keyset page of the project's documents, newest first. */
  @GenerateSql({ params: [SAMPLE.uuid, 20] }, { name: 'next page', params: [SAMPLE.uuid, 20, SAMPLE_CURSOR] })
  page(em: EntityManager, projectId: string, limit: number, cursor?: string): Promise<Page<Document>> {
    const qb = em.getRepository(Document).createQueryBuilder('d').where('d.project_id = :projectId', { projectId });
    return paginate(qb, { property: 'createdAt', column: 'created_at', direction: 'DESC' }, limit, cursor);
  }

  @GenerateSql({ params: [SAMPLE.uuid, SAMPLE.uuid2] })
  find(em: EntityManager, projectId: string, id: string): Promise<Document | null> {
    return em.getRepository(Document).findOneBy({ id, projectId });
  }

  @GenerateSql({
    params: async (ctx) => [{ projectId: await sampleProject(ctx), title: 'Plan', body: 'First draft', createdBy: null }],
  })
  insert(em: EntityManager, doc: Pick<Document, 'projectId' | 'title' | 'body' | 'createdBy'>): Promise<Document> {
    const repo = em.getRepository(Document);
    return repo.save(repo.create(doc));
  }

  /** Writes a loaded document's changed fields back. */
  @GenerateSql({
    params: async (ctx) => {
      const doc = await new DocumentsRepository().insert(ctx.em, {
        projectId: await sampleProject(ctx),
        title: 'Plan',
        body: 'First draft',
        createdBy: null,
      });
      return [Object.assign(doc, { body: 'Second draft' })];
    },
  })
  save(em: EntityManager, doc: Document): Promise<Document> {
    return em.getRepository(Document).save(doc);
  }

  /** Answers whether the project had that document. */
  @GenerateSql({ params: [SAMPLE.uuid, SAMPLE.uuid2] })
  async delete(em: EntityManager, projectId: string, id: string): Promise<boolean> {
    return !!(await em.getRepository(Document).delete({ id, projectId })).affected;
  }
}
