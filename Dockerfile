# Loyalty Lens app image: builds the web app at image build time and serves API + web on port 3000.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY api/package.json api/package.json
COPY web/package.json web/package.json
RUN npm ci --no-audit --no-fund
COPY . .
# The web app, and the server bundled to plain JavaScript (dist/start.js): no TypeScript loader at run time.
RUN npm run build && npm run build:server

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /app/data && chown -R node:node /app/data /app/web
USER node
EXPOSE 3000
# The bundled start.ts (what `npm start` runs under NODE_ENV=production): sees the fresh web build,
# migrates, seeds the demo company once, and serves. node is PID 1 without npm in front, so SIGTERM
# reaches the server directly and it shuts down gracefully.
CMD ["node", "dist/start.js"]
