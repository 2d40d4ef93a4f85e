#!/usr/bin/env node
// Compiles the product with SWC. The import aliases (`@stratum/<lib>`) come from tsconfig.json's
// `paths`, the one place a library is registered; .swcrc holds only the compiler options.
//
//   node scripts/build.mjs                 apps libs migrations bench → dist/
//   node scripts/build.mjs --out DIR a b   the given folders → DIR
//
// dist/ is replaced in one rename once the new build is complete, so a failed build leaves the
// previous one in place and a running process never finds its directory half deleted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let out = join(root, 'dist');
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = resolve(args[++i]);
  else dirs.push(args[i]);
}
if (dirs.length === 0) dirs.push('apps', 'libs', 'migrations', 'bench');

const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
swcrc.jsc = { ...swcrc.jsc, baseUrl: root, paths: tsconfig.compilerOptions.paths };

const staging = `${out}.next-${process.pid}`;
const configFile = `${staging}.swcrc.json`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(configFile, JSON.stringify(swcrc));
const swc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/@swc/cli/bin/swc.js'), ...dirs, '-d', staging, '--config-file', configFile, '--quiet'],
  { cwd: root, stdio: 'inherit' },
);
rmSync(configFile, { force: true });
if (swc.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  process.exit(swc.status ?? 1);
}
const previous = `${out}.old-${process.pid}`;
if (existsSync(out)) renameSync(out, previous);
renameSync(staging, out);
rmSync(previous, { recursive: true, force: true });
