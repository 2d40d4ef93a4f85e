import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, pageResponse, Principal, uuidParam } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { AllowWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { DocumentsService } from './documents.service';
import { CreateDocumentDto, DocumentDto, ListDocumentsQueryDto, UpdateDocumentDto } from './dto/document.dto';

const DocumentPageDto = pageResponse(DocumentDto);

@ApiTags('Documents')
@TenantScoped()
@Controller('projects/:projectId/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @RequirePermissions('documents:read', { on: 'project', param: 'projectId' })
  @ApiOperation({ summary: 'List a project\u2019s documents', description: 'Newest first; cursor pagination.' })
  @ApiOkResponse({ type: DocumentPageDto })
  list(@Param('projectId', uuidParam('projectId')) projectId: string, @Query() query: ListDocumentsQueryDto) {
    return this.documents.list(projectId, query);
  }

  @Post()
  @Audited('document.created', { resource: 'document' })
  @AllowWhileImpersonating()
  @RequirePermissions('documents:create', { on: 'project', param: 'projectId' })
  @ApiOperation({ summary: 'Create a document in a project' })
  @ApiCreatedResponse({ type: DocumentDto })
  create(
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: CreateDocumentDto,
    @CurrentPrincipal() me: Principal,
  ): Promise<DocumentDto> {
    return this.documents.create(projectId, dto, me.kind === 'tenant_user' ? me.userId : null);
  }

  @Get(':documentId')
  @RequirePermissions('documents:read', { on: 'project', param: 'projectId' })
  @ApiOperation({ summary: 'Get a document' })
  @ApiOkResponse({ type: DocumentDto })
  get(
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('documentId', uuidParam('documentId')) id: string,
  ): Promise<DocumentDto> {
    return this.documents.get(projectId, id);
  }

  @Patch(':documentId')
  @Audited('document.updated', { resource: 'document', idParam: 'documentId' })
  @AllowWhileImpersonating()
  @RequirePermissions('documents:update', { on: 'project', param: 'projectId' })
  @ApiOperation({ summary: 'Change a document' })
  @ApiOkResponse({ type: DocumentDto })
  update(
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('documentId', uuidParam('documentId')) id: string,
    @Body() dto: UpdateDocumentDto,
  ): Promise<DocumentDto> {
    return this.documents.update(projectId, id, dto);
  }

  @Delete(':documentId')
  @Audited('document.deleted', { resource: 'document', idParam: 'documentId' })
  @RequirePermissions('documents:delete', { on: 'project', param: 'projectId' })
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a document' })
  @ApiNoContentResponse()
  async remove(
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('documentId', uuidParam('documentId')) id: string,
  ): Promise<void> {
    await this.documents.remove(projectId, id);
  }
}
