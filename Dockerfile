# syntax=docker/dockerfile:1
# One image for the API, the worker and the operator commands; the command picks the process:
#   node dist/apps/api/src/main.js (default) | node dist/apps/worker/src/main.js
#   node dist/apps/cli/src/main.js migrate | migrate:status | migrate:revert

# Production dependencies only, cached until the lockfile changes.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Everything, to compile TypeScript to dist/ (SWC).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Code and dependencies stay owned by root: the process runs as `node` and cannot change them.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000 3001
# Readiness of the default command, the API (the worker answers on WORKER_HEALTH_PORT; compose checks it there).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself, which starts the graceful shutdown.
CMD ["node", "dist/apps/api/src/main.js"]
