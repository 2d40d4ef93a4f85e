export * from './directory-sync.module';
export { DIRECTORY_TOKEN_PREFIX, SCIM_PATH } from './tokens/directory-tokens.service';
export { SCIM_ERROR_SCHEMA, SCIM_MEDIA_TYPE } from './scim/scim-error';
export * from './catalogue';
