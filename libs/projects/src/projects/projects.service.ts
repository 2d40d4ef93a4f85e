import { Injectable } from '@nestjs/common';
import { AuditNotes, diff, DomainError, DomainEvents, Page, parseSort } from '@stratum/common';
import { AccessService, GrantsService, Permission } from '@stratum/rbac';
import { TenantDatabase } from '@stratum/tenancy';
import { CreateProjectDto, ListProjectsQueryDto, ProjectDto, UpdateProjectDto } from './dto/project.dto';
import { Project } from './project.entity';
import { ProjectsRepository } from './projects.repository';

const SORTABLE = { createdAt: 'created_at', name: 'name' };

/** What a project's creator is granted on it, whatever their roles. */
export const CREATOR_GRANT: Permission[] = [
  'projects:read',
  'projects:update',
  'documents:read',
  'documents:create',
  'documents:update',
  'documents:delete',
];

/** A project as domain events describe it. */
const eventProject = (p: Project) => ({ id: p.id, name: p.name, description: p.description, createdBy: p.createdBy });

/**
 * Projects of the tenant in context; every query runs in the request's tenant transaction.
 * Callers without tenant-wide `projects:read` see the projects they were granted.
 */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly access: AccessService,
    private readonly grants: GrantsService,
    private readonly notes: AuditNotes,
    private readonly events: DomainEvents,
    private readonly projects: ProjectsRepository,
  ) {}

  async list(query: ListProjectsQueryDto): Promise<Page<ProjectDto>> {
    const em = await this.db.manager();
    const visible = await this.access.visibleIds('project', 'projects:read');
    const sort = parseSort<Project>(query.sort, SORTABLE, '-createdAt');
    return this.projects.page(em, visible, query.q, sort, query.limit ?? 20, query.cursor);
  }

  async get(id: string): Promise<ProjectDto> {
    return this.load(id);
  }

  async create(dto: CreateProjectDto, actorId: string | null): Promise<ProjectDto> {
    const project = await this.projects.insert(await this.db.manager(), {
      name: dto.name,
      description: dto.description ?? '',
      createdBy: actorId,
    });
    this.notes.describe({ changes: diff(null, { name: project.name, description: project.description }) });
    if (actorId) await this.grants.grantCreator('project', project.id, actorId, CREATOR_GRANT);
    await this.events.emit('project.created', eventProject(project));
    return project;
  }

  async update(id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    const project = await this.load(id);
    const before = { name: project.name, description: project.description };
    Object.assign(project, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    this.notes.describe({ changes: diff(before, { name: project.name, description: project.description }) });
    const saved = await this.projects.save(await this.db.manager(), project);
    await this.events.emit('project.updated', eventProject(saved));
    return saved;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.projects.delete(await this.db.manager(), id))) throw DomainError.notFound('Project');
    await this.grants.removeAll('project', id);
    await this.events.emit('project.deleted', { id });
  }

  /** Loads a project (locking nothing); 404 when it is not in this tenant. */
  async load(id: string): Promise<Project> {
    const project = await this.projects.findById(await this.db.manager(), id);
    if (!project) throw DomainError.notFound('Project');
    return project;
  }
}
