// Signing keyrings. Each purpose (access tokens issued at login, caller contexts signed by the gateway, a service's
// own calls made with no person behind them: `service-<name>`) has a folder of Ed25519 keys: the newest signs, every
// key present verifies, so a key is rotated by adding a new one and removing the old one once the tokens it signed
// have expired.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { loadConfig } from './config.ts';

export type KeyPurpose = 'access-token' | 'caller-context' | `service-${string}`;

/**
 * The services that call another service on their own authority, each with a keyring of its own (service-call.ts):
 * documents' evidence job asks the TSA for its batch time stamps whether or not anyone is signed in.
 */
export const SELF_CALLING_SERVICES = ['documents'] as const;

/** Every keyring the platform uses: what ensureKeys makes, keys:rotate and k8s/secrets/generate.ts rotate. */
export const KEY_PURPOSES: readonly KeyPurpose[] = ['access-token', 'caller-context', ...SELF_CALLING_SERVICES.map((s) => `service-${s}` as const)];
const ALG = 'EdDSA';

export function keysDir(purpose: KeyPurpose): string {
  return path.join(process.env.YIZHAN_KEYS_DIR ?? path.join(loadConfig().dataDir, 'keys'), purpose);
}

interface StoredKey {
  kid: string;
  createdAt: string;
  publicJwk: JWK;
  privateJwk?: JWK;
}

function readKeys(purpose: KeyPurpose): StoredKey[] {
  const dir = keysDir(purpose);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as StoredKey)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Adds a new signing key; it becomes the one that signs. */
export async function rotateKey(purpose: KeyPurpose): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const kid = `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const stored: StoredKey = {
    kid,
    createdAt: new Date().toISOString(),
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG },
  };
  const dir = keysDir(purpose);
  // Only the key folder itself is private: its parents hold other state (the embedded PostgreSQL runs as its own user).
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, `${kid}.json`), JSON.stringify(stored, null, 2), { mode: 0o600 });
  return kid;
}

/** Creates the first key of each purpose when none exists (local development and tests). */
export async function ensureKeys(): Promise<void> {
  for (const purpose of KEY_PURPOSES) {
    if (readKeys(purpose).length === 0) await rotateKey(purpose);
  }
}

export interface Signer {
  kid: string;
  key: CryptoKey;
}
export interface Verifier {
  keys: Map<string, CryptoKey>;
}

export async function loadSigner(purpose: KeyPurpose): Promise<Signer> {
  const newest = readKeys(purpose)
    .filter((k) => k.privateJwk)
    .at(-1);
  if (!newest?.privateJwk) throw new Error(`No ${purpose} signing key in ${keysDir(purpose)}`);
  return { kid: newest.kid, key: (await importJWK(newest.privateJwk, ALG)) as CryptoKey };
}

export async function loadVerifier(purpose: KeyPurpose): Promise<Verifier> {
  const keys = new Map<string, CryptoKey>();
  for (const k of readKeys(purpose)) keys.set(k.kid, (await importJWK(k.publicJwk, ALG)) as CryptoKey);
  if (keys.size === 0) throw new Error(`No ${purpose} verification key in ${keysDir(purpose)}`);
  return { keys };
}

export const SIGNING_ALG = ALG;
