# The agentos-contacts-kit mock as a container: `docker build -t agentos-contacts-mock .`
# Node.js 24 is the Active LTS line; bookworm-slim keeps the base small and Debian-patched.
# The three FROM lines name the same base on purpose: change them together.

# Production dependencies only, without the parts of swagger-ui-dist the UI never loads.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: nothing at run time needs an install script (and @scarf/scarf's only phones home).
# --omit=optional: Pact's native verifier (for `verify-pact`) stays out of the image; partners
# run that command from the npm package.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
  && find node_modules -name '*.map' -type f -delete \
  && rm -f node_modules/swagger-ui-dist/swagger-ui-es-bundle*.js node_modules/swagger-ui-dist/swagger-ui.js \
  && rm -rf /root/.npm

# The TypeScript build.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# What runs: Node, production dependencies, the compiled mock and its data model, and the contract it
# serves. The reference client (dist/src) and the partner tools (dist/tools) stay out: the mock
# imports neither (lint enforces it), and partners run those from the npm package.
FROM node:24-bookworm-slim
# No MOCK_PORT: the mock listens on 4010 unless the platform injects PORT (or MOCK_PORT is set).
ENV NODE_ENV=production \
    MOCK_HOST=0.0.0.0
WORKDIR /app
COPY package.json ./
COPY contracts ./contracts
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/mock-server ./dist/mock-server
COPY --from=build /app/dist/fixtures ./dist/fixtures
# Files stay root-owned and read-only to the server. It writes only to /tmp (a self-signed
# certificate) and /data, owned by node so that a volume mounted there takes that owner (MOCK_STATE_FILE).
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 4010
# Plain Node, no curl: follows MOCK_PORT (or PORT) and the TLS settings.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/mock-server/cli/healthcheck.js"]
# Node is PID 1 and handles SIGTERM and SIGINT itself: it stops accepting, finishes requests in
# flight and exits within 10 s. No npm in between, which would not pass the signal on.
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=4", "dist/mock-server/cli/main.js"]
