// This computer as a seal terminal (用印专用终端: seed 000 §18, seed 002 六 专机专用): a key pair the browser makes with
// WebCrypto (ECDSA P-256), its private half not extractable, kept in this browser's IndexedDB for each unit it is
// registered for. A custodian's PIN given here carries its signature over the stamp request and the custodian
// (services/seals domain/terminal.ts states the same message).
import { bytesToBase64 } from './files';

const DB = 'yizhan-terminals';
const STORE = 'keys';

interface Kept {
  orgId: string;
  terminalId: string;
  keys: CryptoKeyPair;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'orgId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A request on the store, answered once its transaction has completed (a write that aborts later, over quota, is
 * an error, not a success). */
async function withStore<R>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<R>): Promise<R> {
  const db = await open();
  try {
    return await new Promise<R>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? req.error);
      tx.onabort = () => reject(tx.error ?? new Error('aborted'));
    });
  } finally {
    db.close();
  }
}

/** Told to every part of the page that shows this computer's terminal when it changes. */
export const TERMINAL_CHANGED = 'yizhan-terminal-changed';

/** The terminal this browser holds for a unit, or null. */
export async function localTerminal(orgId: string): Promise<Kept | null> {
  if (typeof indexedDB === 'undefined') return null;
  return ((await withStore<Kept | undefined>('readonly', (s) => s.get(orgId))) as Kept | undefined) ?? null;
}

/** A new key pair for this computer, and its public key to register (SPKI, base64). */
export async function makeTerminalKey(): Promise<{ keys: CryptoKeyPair; publicKey: string }> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { keys, publicKey: bytesToBase64(await crypto.subtle.exportKey('spki', keys.publicKey)) };
}

/** Keeps the registered terminal's keys in this browser (replacing any it held for the unit). */
export async function keepTerminal(orgId: string, terminalId: string, keys: CryptoKeyPair): Promise<void> {
  await withStore('readwrite', (s) => s.put({ orgId, terminalId, keys } satisfies Kept));
  window.dispatchEvent(new Event(TERMINAL_CHANGED));
}

/** Whether this browser can keep a terminal's keys at all (asked before one is registered). */
export async function canKeepTerminal(): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || !crypto?.subtle) return false;
  try {
    await withStore('readonly', (s) => s.count());
    return true;
  } catch {
    return false;
  }
}

/** This computer's proof for a custodian's PIN on a stamp request, or null when it is no terminal of the unit. */
export async function terminalProof(orgId: string, requestId: string, userId: string): Promise<{ terminalId: string; signature: string } | null> {
  const kept = await localTerminal(orgId);
  if (!kept) return null;
  const message = new TextEncoder().encode(`yizhan-seal-terminal\n${requestId}\n${userId}`);
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, kept.keys.privateKey, message);
  return { terminalId: kept.terminalId, signature: bytesToBase64(signature) };
}
