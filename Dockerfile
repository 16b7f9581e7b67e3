# One image for the gateway and the six subgraphs; the compose file picks the entry point.
# Stage 1 compiles (npm run build: esbuild bundles one file per entry point into dist/).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY scripts ./scripts
RUN node scripts/build.js && find gateway subgraphs -name '*.ts' -delete

# Stage 2 runs the compiled JavaScript: production packages only, no TypeScript compiler, no tsx.
# The files read at run time (authorization.yaml, the YAML data files, schema/, the report page and
# the dashboard) keep their source paths: dist/ finds them there.
FROM node:22-bookworm-slim
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY --from=build /app/dist ./dist
COPY --from=build /app/gateway ./gateway
COPY --from=build /app/subgraphs ./subgraphs
COPY schema ./schema
USER node
# Overridden per service in docker-compose.yml (dist/subgraph-<name>.js).
CMD ["node", "dist/gateway.js"]
