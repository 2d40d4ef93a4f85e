import { Injectable } from '@nestjs/common';
import { AuditNotes, diff, DomainError, DomainEvents, Page } from '@stratum/common';
import { TenantDatabase } from '@stratum/tenancy';
import { TenantUsage } from '@stratum/entitlements';
import { ProjectsService } from '../projects/projects.service';
import { Document } from './document.entity';
import { DocumentsRepository } from './documents.repository';
import { CreateDocumentDto, DocumentDto, ListDocumentsQueryDto, UpdateDocumentDto } from './dto/document.dto';

/** A document as domain events describe it (without its body). */
const eventDocument = (d: Document) => ({ id: d.id, projectId: d.projectId, title: d.title, createdBy: d.createdBy });

@Injectable()
export class DocumentsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly projects: ProjectsService,
    private readonly notes: AuditNotes,
    private readonly usage: TenantUsage,
    private readonly events: DomainEvents,
    private readonly documents: DocumentsRepository,
  ) {}

  async list(projectId: string, query: ListDocumentsQueryDto): Promise<Page<DocumentDto>> {
    await this.projects.load(projectId);
    return this.documents.page(await this.db.manager(), projectId, query.limit ?? 20, query.cursor);
  }

  async get(projectId: string, id: string): Promise<DocumentDto> {
    return this.load(projectId, id);
  }

  async create(projectId: string, dto: CreateDocumentDto, actorId: string | null): Promise<DocumentDto> {
    await this.projects.load(projectId);
    const em = await this.db.manager();
    await this.usage.requireStorage(em, Buffer.byteLength(dto.title) + Buffer.byteLength(dto.body ?? ''));
    const doc = await this.documents.insert(em, { projectId, title: dto.title, body: dto.body ?? '', createdBy: actorId });
    await this.events.emit('document.created', eventDocument(doc));
    return doc;
  }

  async update(projectId: string, id: string, dto: UpdateDocumentDto): Promise<DocumentDto> {
    const doc = await this.load(projectId, id);
    const before = { title: doc.title, body: doc.body };
    const growth = Buffer.byteLength(dto.body ?? doc.body) - Buffer.byteLength(doc.body);
    if (growth > 0) await this.usage.requireStorage(await this.db.manager(), growth);
    Object.assign(doc, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    this.notes.describe({ changes: diff(before, { title: doc.title, body: doc.body }), metadata: { projectId } });
    const saved = await this.documents.save(await this.db.manager(), doc);
    await this.events.emit('document.updated', eventDocument(saved));
    return saved;
  }

  async remove(projectId: string, id: string): Promise<void> {
    if (!(await this.documents.delete(await this.db.manager(), projectId, id))) throw DomainError.notFound('Document');
    await this.events.emit('document.deleted', { id, projectId });
  }

  private async load(projectId: string, id: string): Promise<Document> {
    const doc = await this.documents.find(await this.db.manager(), projectId, id);
    if (!doc) throw DomainError.notFound('Document');
    return doc;
  }
}
