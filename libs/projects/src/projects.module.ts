import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Document } from './documents/document.entity';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from './documents/documents.repository';
import { DocumentsService } from './documents/documents.service';
import { Project } from './projects/project.entity';
import { ProjectGrantsController } from './projects/project-grants.controller';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsRepository } from './projects/projects.repository';
import { ProjectsService } from './projects/projects.service';

/** The sample tenant domain, built on tenancy, RBAC and identity the way the next feature should be. */
@Module({
  imports: [TypeOrmModule.forFeature([Project, Document])],
  controllers: [ProjectsController, ProjectGrantsController, DocumentsController],
  providers: [ProjectsRepository, DocumentsRepository, ProjectsService, DocumentsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
