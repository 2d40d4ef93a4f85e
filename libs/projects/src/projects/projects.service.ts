import { Injectable } from '@nestjs/common';
import { DomainError, Page, paginate, parseSort } from '@stratum/common';
import { TenantDatabase } from '@stratum/tenancy';
import { CreateProjectDto, ListProjectsQueryDto, ProjectDto, UpdateProjectDto } from './dto/project.dto';
import { Project } from './project.entity';

const SORTABLE = { createdAt: 'created_at', name: 'name' };

/** Projects of the tenant in context; every query runs in the request's tenant transaction. */
@Injectable()
export class ProjectsService {
  constructor(private readonly db: TenantDatabase) {}

  async list(query: ListProjectsQueryDto): Promise<Page<ProjectDto>> {
    const em = await this.db.manager();
    const qb = em.getRepository(Project).createQueryBuilder('p');
    if (query.q) {
      qb.andWhere('lower(p.name) LIKE :like', { like: `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    return paginate(qb, parseSort<Project>(query.sort, SORTABLE, '-createdAt'), query.limit ?? 20, query.cursor);
  }

  async get(id: string): Promise<ProjectDto> {
    return this.load(id);
  }

  async create(dto: CreateProjectDto, actorId: string): Promise<ProjectDto> {
    const repo = (await this.db.manager()).getRepository(Project);
    const project = repo.create({ name: dto.name, description: dto.description ?? '', createdBy: actorId });
    return repo.save(project);
  }

  async update(id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    const project = await this.load(id);
    Object.assign(project, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    return (await this.db.manager()).getRepository(Project).save(project);
  }

  async remove(id: string): Promise<void> {
    const result = await (await this.db.manager()).getRepository(Project).delete({ id });
    if (!result.affected) throw DomainError.notFound('Project');
  }

  /** Loads a project (locking nothing); 404 when it is not in this tenant. */
  async load(id: string): Promise<Project> {
    const project = await (await this.db.manager()).getRepository(Project).findOneBy({ id });
    if (!project) throw DomainError.notFound('Project');
    return project;
  }
}
