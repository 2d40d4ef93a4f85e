export * from './mail.module';
export * from './mail.service';
export * from './mail-job';
export * from './mail-transport';
export * from './templates/render';
