# One image for the gateway and the five subgraphs; the compose file picks the entry point.
FROM node:22-bookworm-slim
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY tsconfig.json ./
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY scripts ./scripts
USER node
# Overridden per service in docker-compose.yml.
CMD ["npx", "tsx", "gateway/main.ts"]
