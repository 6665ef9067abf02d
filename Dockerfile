# Ketenkluis service image (DESIGN.md: the image runs Node 22 LTS; the code also runs on Node 20.19+).
# Build: docker build -t ketenkluis .   Run with docker-compose.yml (PostgreSQL + this app + a mail catcher).

# --- build: install everything, compile the API (SWC) and the web front end (Vite), then drop dev dependencies
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: only what the service reads at run time, as the unprivileged `node` user
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/.data \
    POLICIES_DIR=/app/policies
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/policies ./policies
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# docker-compose.yml sets DATABASE_URL, so the embedded PostgreSQL (the development default) never starts here.
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
