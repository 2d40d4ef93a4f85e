export * from './projects.module';
export * from './projects/projects.service';
export * from './projects/project.entity';
export * from './projects/dto/project.dto';
export * from './documents/document.entity';
export * from './catalogue';
