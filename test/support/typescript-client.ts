import { resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

/** The generated half of the TypeScript client; clients/typescript/index.ts wraps it. */
export const CLIENT_SCHEMA = resolve(__dirname, '../../clients/typescript/schema.ts');

/**
 * The client's types, generated from the OpenAPI document by openapi-typescript. A `.ts` file,
 * not a `.d.ts`, so `npm run typecheck` checks it under `strict` (skipLibCheck skips `.d.ts`).
 * A property with a default stays optional: a caller may leave it out of a request.
 */
export async function renderClientSchema(doc: unknown): Promise<string> {
  const ast = await openapiTS(doc as Parameters<typeof openapiTS>[0], { defaultNonNullable: false });
  return `// Generated from openapi.json by \`npm run openapi\`: do not edit.\n${astToString(ast)}`;
}
