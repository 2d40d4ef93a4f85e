import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads `.env` from the working directory (or the file ENV_FILE names) into the environment, if
 * there is one. Variables already set in the environment win over the file.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = resolve(env.ENV_FILE || '.env');
  if (!existsSync(file)) {
    if (env.ENV_FILE) throw new Error(`ENV_FILE names ${file}, which does not exist`);
    return null;
  }
  process.loadEnvFile(file);
  return file;
}
