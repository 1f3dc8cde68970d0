# syntax=docker/dockerfile:1
# Telescope schedule server. Build: docker build -t schedule-server .
# Run:   docker run --rm -p 8010:8010 schedule-server
#
# Node 24 (LTS, supported until April 2028): Node 20 reached its end of life in April 2026 and
# Node 22 ends in April 2027. The code also runs on Node 20 and 22 (package.json `engines`).
# No dependency needs an install script to work (@scarf/scarf's is telemetry, @parcel/watcher's
# builds from source only when asked), so every `npm ci` here runs none, whatever the npm version.

# 1. Compile TypeScript with the full dependency tree.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Production dependencies only.
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. The runtime image: compiled code + production dependencies, as the unprivileged `node` user.
FROM node:24-slim
# MALLOC_ARENA_MAX=2: glibc gives threads that allocate their own malloc arenas (up to 8 per core:
# V8's compiler and GC threads, the schedule workers), and memory freed in them stays resident.
# Measured on Node 24.22.3 (bench/README.md, "Node 24 in the Docker image"), the server with both
# workers busy: 173-183 MB with two arenas, 185-209 MB without (five pairs of runs); one-day
# schedules over HTTP as fast (round medians 3.6-4.1 against 3.6-4.0 ms). One arena saved as much
# but made them about 10 % slower.
ENV NODE_ENV=production \
    PORT=8010 \
    SCHEDULER_DATA_DIR=/app/data \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# Named master schedules live here (mount a volume over it to add plans).
COPY --chown=node:node data ./data
USER node
EXPOSE 8010
# node:24-slim has no curl; Node's fetch does the probe. Readiness: policies registered, workers
# up, data directory readable, not shutting down (liveness alone is GET /health).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8010) + '/health/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains requests for up to SHUTDOWN_GRACE_MS (10 s); stop with a longer timeout: docker stop -t 15
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.js"]
