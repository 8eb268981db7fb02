// Configuration from the environment, with defaults that work on a developer machine.
// Every value a service reads lives here so that one place documents what can be set.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function str(name: string, fallback: string): string {
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
    accessTokenTtlSeconds: number;
    callerContextTtlSeconds: number;
    maxFailedLogins: number;
    passwordMaxAgeDays: number;
    /** How long the gateway trusts an API token it found not revoked. */
    apiTokenCheckSeconds: number;
  };
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
  };
  /** Upload limits (seed 003 §33: 20 MB per file, 500 KB per image). */
  files: {
    blobDir: string;
    maxFileBytes: number;
    maxImageBytes: number;
    maxDocumentBytes: number;
  };
  alerts: {
    /** An SMS gateway taking POST {mobile, text}; urgent alerts by SMS wait (and are retried) until one is set. */
    smsGatewayUrl: string | null;
    /** How often the dispatcher looks for alerts due. */
    dispatchIntervalMs: number;
    /** How often deliveries are checked for becoming overdue. */
    overdueCheckMs: number;
  };
  events: {
    /** A live board sends at most one update per this many milliseconds. */
    boardIntervalMs: number;
    /** Largest message a client may send over graphql-ws. */
    maxWsPayloadBytes: number;
  };
  logLevel: string;
  otlpEndpoint: string | undefined;
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
      accessTokenTtlSeconds: int('YIZHAN_TOKEN_TTL_SECONDS', 8 * 3600),
      callerContextTtlSeconds: int('YIZHAN_CALLER_TTL_SECONDS', 60),
      maxFailedLogins: int('YIZHAN_MAX_FAILED_LOGINS', 5),
      passwordMaxAgeDays: int('YIZHAN_PASSWORD_MAX_AGE_DAYS', 90),
      apiTokenCheckSeconds: int('YIZHAN_API_TOKEN_CHECK_SECONDS', 60),
    },
    limits: {
      maxDepth: int('YIZHAN_MAX_DEPTH', 10),
      maxAliases: int('YIZHAN_MAX_ALIASES', 15),
      maxTokens: int('YIZHAN_MAX_TOKENS', 2000),
      maxCost: int('YIZHAN_MAX_COST', 5000),
    },
    files: {
      blobDir: path.resolve(repoRoot, str('YIZHAN_BLOB_DIR', path.join(str('YIZHAN_DATA_DIR', '.data'), 'blobs'))),
      maxFileBytes: int('YIZHAN_MAX_FILE_KB', 20 * 1024) * 1024,
      maxImageBytes: int('YIZHAN_MAX_IMAGE_KB', 500) * 1024,
      maxDocumentBytes: int('YIZHAN_MAX_DOCUMENT_KB', 50 * 1024) * 1024,
    },
    alerts: {
      smsGatewayUrl: process.env.YIZHAN_SMS_GATEWAY_URL || null,
      dispatchIntervalMs: int('YIZHAN_ALERT_INTERVAL_MS', 1000),
      overdueCheckMs: int('YIZHAN_OVERDUE_CHECK_MS', 60_000),
    },
    events: {
      boardIntervalMs: int('YIZHAN_BOARD_INTERVAL_MS', 250),
      maxWsPayloadBytes: int('YIZHAN_MAX_WS_PAYLOAD_KB', 64) * 1024,
    },
    logLevel: str('LOG_LEVEL', env === 'test' ? 'warn' : 'info'),
    otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
  };
}
