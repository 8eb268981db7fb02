// Configuration from the environment, with defaults that work on a developer machine.
// What more than one process reads lives here; a service's own settings live in that service (its settings.ts).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout: the nearest folder above this file whose package.json declares the workspaces. Found by looking,
 * not by counting folders, because the same code runs from source and from a build in dist/. */
export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && 'workspaces' in JSON.parse(fs.readFileSync(manifest, 'utf8'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** A non-negative integer setting from the environment. */
export function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** A text setting from the environment. */
export function str(name: string, fallback: string): string {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

export interface Config {
  /** development | test | production: introspection and pretty logs only outside production. */
  env: string;
  /** Folder for local state: embedded PostgreSQL data, signing keys, blobs. Git-ignored. */
  dataDir: string;
  /** Connection URL of a superuser, used only to create the database and the two roles. */
  adminDatabaseUrl: string | undefined;
  databaseName: string;
  /** Owner of every table; used only by migrations. */
  migratorRole: { name: string; password: string };
  /** The role services run as: owns nothing, cannot bypass row-level security. */
  appRole: { name: string; password: string };
  /** The role the event relay runs as: reads and marks the outbox tables, nothing else. */
  relayRole: { name: string; password: string };
  /** Event transport between replicas: 'postgres' (LISTEN/NOTIFY, one database) or a NATS URL (JetStream). */
  eventBus: string;
  auth: {
    callerContextTtlSeconds: number;
    /**
     * How long the gateway trusts org's word that a session or API token stands while it follows org's session-change
     * feed (which ends sessions at once): a safety net only. Without the feed, 5 s.
     */
    sessionCheckSeconds: number;
  };
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
  };
  files: {
    /** Where content-addressed files live (documents' bodies and attachments, the archive's copies). */
    blobDir: string;
  };
  events: {
    /** Largest message a client may send over graphql-ws. */
    maxWsPayloadBytes: number;
    /** Copies of each JetStream stream in a NATS cluster (3 in the Kubernetes manifests; 1 on one server). */
    natsReplicas: number;
    /** Open WebSocket connections one login may hold (its tabs and windows); one more is closed with 4429. */
    maxSocketsPerSession: number;
    /** Subscriptions one WebSocket connection may hold at once; one more is refused with RATE_LIMITED. */
    maxSubscriptionsPerSocket: number;
  };
  logLevel: string;
  otlpEndpoint: string | undefined;
  /** The address servers listen on: loopback on a developer machine, all interfaces (0.0.0.0) in a container. */
  listenHost: string;
  /**
   * The platform's address as units and outside verifiers reach it (the gateway's, e.g. https://yizhan.example.gov.cn):
   * the CA writes `<publicUrl>/pki/crl/<suite>.crl` into the certificates it issues. Unset: it writes none.
   */
  publicUrl: string | undefined;
}

export function loadConfig(): Config {
  const env = str('NODE_ENV', 'development');
  return {
    env,
    dataDir: path.resolve(repoRoot, str('YIZHAN_DATA_DIR', '.data')),
    adminDatabaseUrl: process.env.DATABASE_URL || undefined,
    databaseName: str('YIZHAN_DATABASE', 'yizhan'),
    migratorRole: { name: str('YIZHAN_MIGRATOR_ROLE', 'yizhan_migrator'), password: str('YIZHAN_MIGRATOR_PASSWORD', 'yizhan-migrator-local') },
    appRole: { name: str('YIZHAN_APP_ROLE', 'yizhan_app'), password: str('YIZHAN_APP_PASSWORD', 'yizhan-app-local') },
    relayRole: { name: str('YIZHAN_RELAY_ROLE', 'yizhan_relay'), password: str('YIZHAN_RELAY_PASSWORD', 'yizhan-relay-local') },
    eventBus: str('YIZHAN_EVENT_BUS', 'postgres'),
    auth: {
      callerContextTtlSeconds: int('YIZHAN_CALLER_TTL_SECONDS', 60),
      sessionCheckSeconds: int('YIZHAN_SESSION_CHECK_SECONDS', 600),
    },
    limits: {
      maxDepth: int('YIZHAN_MAX_DEPTH', 10),
      maxAliases: int('YIZHAN_MAX_ALIASES', 15),
      maxTokens: int('YIZHAN_MAX_TOKENS', 2000),
      maxCost: int('YIZHAN_MAX_COST', 5000),
    },
    files: {
      blobDir: path.resolve(repoRoot, str('YIZHAN_BLOB_DIR', path.join(str('YIZHAN_DATA_DIR', '.data'), 'blobs'))),
    },
    events: {
      maxWsPayloadBytes: int('YIZHAN_MAX_WS_PAYLOAD_KB', 64) * 1024,
      natsReplicas: int('YIZHAN_NATS_REPLICAS', 1),
      maxSocketsPerSession: int('YIZHAN_MAX_SOCKETS_PER_SESSION', 20),
      maxSubscriptionsPerSocket: int('YIZHAN_MAX_SUBSCRIPTIONS_PER_SOCKET', 50),
    },
    logLevel: str('LOG_LEVEL', env === 'test' ? 'warn' : 'info'),
    otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    listenHost: str('YIZHAN_LISTEN_HOST', '127.0.0.1'),
    publicUrl: process.env.YIZHAN_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
  };
}
