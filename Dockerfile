# syntax=docker/dockerfile:1
# One image per service of the distributed stack, from the same build:
#   docker build --build-arg SERVICE=tthc-metrics -t cchc-sgddt/tthc-metrics .
# SERVICE: plan-management | tthc-metrics | reporting. The image also holds the migration tool
# (`node dist/tools/migrate.js`) and the simulator (`node dist/tools/simulator/src/main.js`), so
# docker-compose.yml and deploy/k8s reuse it for the migration job and the demo profile.

ARG NODE_VERSION=20.19

# --- build: install everything, compile TypeScript, then drop dev dependencies ---
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm links the workspace packages libs/* as @cchc/*: they must be present for the install.
COPY libs/ ./libs/
# Install scripts are not needed (toolchain-notes.md) and npm 10 ignores `allowScripts`.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime: compiled code, production dependencies, seed data; runs as `node` ---
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG SERVICE
RUN test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<plan-management|tthc-metrics|reporting>" >&2; exit 1)
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    SERVICE=${SERVICE} \
    DATA_DIR=/var/lib/cchc
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Workspace packages (node_modules/@cchc/* link here) and the services' seed data and assets.
COPY --from=build --chown=node:node /app/libs ./libs
COPY --from=build --chown=node:node /app/services ./services
RUN test -f "dist/services/${SERVICE}/src/main.js" \
    && ln -s "services/${SERVICE}/src/main.js" dist/main.js \
    && install -d -o node -g node /var/lib/cchc
USER node
EXPOSE 3001 3002 3003
# No HEALTHCHECK here: compose and Kubernetes probe /health/live and /health/ready themselves.
CMD ["node", "dist/main.js"]
