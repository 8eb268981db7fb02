'use client';
// The dashboard's only way to the platform: the gateway's /graphql (HTTP and graphql-ws) and /blobs. Operations go
// by the hash of a trusted document, generated at build time from web/operations; never as text.
import { type Client, createClient } from 'graphql-ws';
import ids from '../generated/document-ids.json';
import type { Operations } from '../generated/operations';
import queries from '../generated/queries.json';
import { handOver } from './files';

// Generated at build time from web/operations and the composed schema (scripts/lib/trusted-documents.ts): an operation's name
// gives the type of its answer and of the variables it takes.
export type OperationName = keyof Operations;
export type Result<N extends OperationName> = Operations[N]['result'];
export type Variables<N extends OperationName> = Operations[N]['variables'];

/** An error the platform answered with: its stable code and its message. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let gatewayUrl = '';
let token: string | null = null;
let ws: Client | null = null;
type Live = 'connecting' | 'live' | 'reconnecting';
let live: Live = 'connecting';
const liveListeners = new Set<() => void>();
const reconnectListeners = new Set<() => void>();

const sessionEndedListeners = new Set<(why: string) => void>();

/** Called when the gateway refuses the token (logged out elsewhere, password changed, account disabled …). */
export function onSessionEnded(listener: (why: string) => void) {
  sessionEndedListeners.add(listener);
  return () => {
    sessionEndedListeners.delete(listener);
  };
}

export function configureGateway(url: string) {
  gatewayUrl = url.replace(/\/graphql$/, '');
}

export function setToken(next: string | null) {
  if (next === token) return;
  token = next;
  ws?.dispose();
  ws = null;
}

const persisted = (name: OperationName) => ({ operationName: name, extensions: { persistedQuery: { version: 1, sha256Hash: ids[name] } } });

/** Reads, asked again when the network fails under them (a change of network aborts what is in flight); a change is
 * never sent twice unasked: whether the first arrived is not known. */
const READS = new Set<string>(queries);
const READ_RETRIES_MS = [250, 1000];

export async function gql<N extends OperationName>(name: N, variables: Variables<N>): Promise<Result<N>> {
  let res: Response | undefined;
  for (let attempt = 0; !res; attempt++) {
    try {
      res = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ ...persisted(name), variables }),
      });
    } catch {
      const pause = READS.has(name) ? READ_RETRIES_MS[attempt] : undefined;
      if (pause === undefined) throw new PlatformError('The platform cannot be reached', 'NETWORK');
      await new Promise((r) => setTimeout(r, pause));
    }
  }
  const body = (await res.json().catch(() => ({}))) as { data?: Result<N>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const error = body.errors?.[0];
  if (error?.extensions?.code === 'UNAUTHENTICATED' && token) for (const l of sessionEndedListeners) l(error.message);
  if (error) throw new PlatformError(error.message, String(error.extensions?.code ?? 'ERROR'), error.extensions);
  if (!body.data) throw new PlatformError(`The platform answered ${res.status}`, 'HTTP_ERROR');
  return body.data;
}

function socket(): Client {
  if (ws) return ws;
  let connectedBefore = false;
  const setLive = (s: Live) => {
    live = s;
    for (const l of liveListeners) l();
  };
  ws = createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    connectionParams: () => ({ authorization: token ? `Bearer ${token}` : '' }),
    // One connection for the whole session, opened at once: the live indicator shows its state on every page.
    lazy: false,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    keepAlive: 15_000,
    on: {
      connecting: () => setLive(connectedBefore ? 'reconnecting' : 'connecting'),
      connected: () => {
        setLive('live');
        // After a reconnect the pages fetch again what they show: nothing that happened meanwhile is missed.
        if (connectedBefore) for (const l of reconnectListeners) l();
        connectedBefore = true;
      },
      closed: () => setLive(connectedBefore ? 'reconnecting' : 'connecting'),
    },
  });
  return ws;
}

/** Codes that mean a subscription was refused for good (asking again would be refused again): not retried. */
const FINAL_CODES = new Set(['BAD_INPUT', 'BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'UNTRUSTED_DOCUMENT', 'UNKNOWN_TRUSTED_DOCUMENT']);
/** Subscriptions waiting to subscribe again after their stream ended (the service behind them went away). */
let resubscribing = 0;
const shownLive = (): Live => (live === 'live' && resubscribing > 0 ? 'reconnecting' : live);
const notifyLive = () => {
  for (const l of liveListeners) l();
};

/**
 * Subscribes by trusted-document hash; returns the unsubscribe function. A stream the platform ends (`complete` or
 * an error, when the service behind it died) is subscribed again after a pause growing from 0.25 s to 10 s, the
 * indicator showing 重新连接中 meanwhile; once the new stream has held for a second the pages fetch again what they
 * show, so nothing that happened in between is missed. A refusal (forbidden, not found …) is not asked again.
 */
export function subscribe<N extends OperationName>(name: N, variables: Variables<N>, onData: (data: Result<N>) => void, onError?: (e: PlatformError) => void) {
  let stopped = false;
  let unsubscribe: (() => void) | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let heldTimer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;
  let waiting = false;
  let finalError = false;
  const setWaiting = (w: boolean) => {
    if (w === waiting) return;
    waiting = w;
    resubscribing += w ? 1 : -1;
    notifyLive();
  };
  const again = () => {
    if (stopped || retryTimer) return;
    if (finalError) return setWaiting(false);
    if (heldTimer) clearTimeout(heldTimer);
    heldTimer = null;
    setWaiting(true);
    const wait = Math.min(250 * 2 ** attempts, 10_000);
    attempts++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      open(true);
    }, wait);
  };
  const open = (isRetry: boolean) => {
    if (stopped) return;
    unsubscribe = socket().subscribe<Result<N>>(
      { query: '', variables, ...persisted(name) },
      {
        next: (r) => {
          if (r.errors?.length) {
            const code = String(r.errors[0]!.extensions?.code ?? 'ERROR');
            if (FINAL_CODES.has(code)) finalError = true;
            onError?.(new PlatformError(r.errors[0]!.message, code));
          } else if (r.data) onData(r.data);
        },
        error: again,
        complete: again,
      },
    );
    if (isRetry) {
      // Held for a second: the stream is back. The pages read again what they show.
      heldTimer = setTimeout(() => {
        heldTimer = null;
        attempts = 0;
        setWaiting(false);
        for (const l of reconnectListeners) l();
      }, 1_000);
    }
  };
  open(false);
  return () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    if (heldTimer) clearTimeout(heldTimer);
    setWaiting(false);
    unsubscribe?.();
  };
}

export const liveState = {
  /** 'reconnecting' also while a subscription waits to subscribe again (its service went away). */
  get: shownLive,
  /** Opens the session's connection (when logged in) so the indicator tells the truth before any subscription. */
  connect: () => {
    if (token && gatewayUrl) socket();
  },
  subscribe(listener: () => void) {
    liveListeners.add(listener);
    return () => liveListeners.delete(listener);
  },
};

export function onReconnect(listener: () => void) {
  reconnectListeners.add(listener);
  return () => {
    reconnectListeners.delete(listener);
  };
}

/** Uploads a file to the content store; returns its SHA-256. */
/** The refusal a file route answered with (`{ errors: [{ message, extensions: { code } }] }`), or `fallback`. */
const fileRouteError = (body: { errors?: { message: string; extensions?: { code?: string } }[] }, fallback: string, code: string) => {
  const e = body.errors?.[0];
  return new PlatformError(e?.message ?? fallback, e?.extensions?.code ?? code);
};

export async function uploadBlob(file: File): Promise<{ sha256: string; size: number }> {
  if (!file.size) throw new PlatformError(`${file.name} is empty`, 'EMPTY_FILE');
  const res = await fetch(`${gatewayUrl}/blobs`, {
    method: 'POST',
    // The name is kept with the unit's upload (a 纸质补录 scan is shown by it). A text file's type is one a page of any
    // site could post without asking first: the CSRF header says the dashboard sent it.
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': file.type || 'application/octet-stream',
      'x-filename': encodeURIComponent(file.name),
      'x-yizhan-csrf': '1',
    },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as { sha256?: string; size?: number; errors?: { message: string; extensions?: { code?: string } }[] };
  if (!res.ok || !body.sha256) throw fileRouteError(body, `upload failed (${res.status})`, 'UPLOAD_FAILED');
  return { sha256: body.sha256, size: body.size ?? file.size };
}

/** What the platform kept of a Word draft (POST /blobs?import=word): the body, its blocks' kinds, and what was not kept. */
export interface ImportedWord {
  body: string;
  blocks: { kind: string }[];
  notes: { code: string; message: string }[];
  /** The 主送 the document opens with, and the 标题 above it (documents' domain/word-import.ts `opening`). */
  mainTo: string | null;
  title: string | null;
}

/** Turns a .docx (Word's, or WPS's .docx export) into a draft's body; nothing is stored. */
export async function importWord(file: File): Promise<ImportedWord> {
  const res = await fetch(`${gatewayUrl}/blobs?import=word`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': file.type || 'application/octet-stream',
      'x-filename': encodeURIComponent(file.name),
      'x-yizhan-csrf': '1',
    },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as Partial<ImportedWord> & { errors?: { message: string; extensions?: { code?: string } }[] };
  if (!res.ok || typeof body.body !== 'string') throw fileRouteError(body, `The Word file could not be imported (${res.status})`, 'IMPORT_FAILED');
  return { body: body.body, blocks: body.blocks ?? [], notes: body.notes ?? [], mainTo: body.mainTo ?? null, title: body.title ?? null };
}

/** A file the platform makes on request (GET /blobs?…: a register, a form), or its refusal as a PlatformError. */
async function fetchMade(query: URLSearchParams, refused: string): Promise<Blob> {
  return (await fetchNamed(query, refused)).blob;
}

/** As fetchMade, with the file name the platform gave it (its content-disposition), if it gave one. */
async function fetchNamed(query: URLSearchParams, refused: string): Promise<{ blob: Blob; filename: string | null }> {
  const res = await fetch(`${gatewayUrl}/blobs?${query}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { errors?: { message: string; extensions?: { code?: string } }[] };
    const e = body.errors?.[0];
    throw new PlatformError(e?.message ?? `${refused} (${res.status})`, e?.extensions?.code ?? 'EXPORT_FAILED');
  }
  const named = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await res.blob(), filename: named ? decodeURIComponent(named) : null };
}

/** The unit's 收文登记簿 as CSV or PDF (GET /blobs?register=intake&…), as the platform exports it (and audits it). */
export function fetchRegisterExport(params: Record<string, string>): Promise<Blob> {
  return fetchMade(new URLSearchParams({ register: 'intake', ...params }), 'The register cannot be exported');
}

/** One of the office's forms as a printable PDF, handed to the browser to save under the name the platform gave it
 * (收文处理单-收〔2026〕12号-….pdf): the 收文处理单 of a delivery (GET /blobs?sheet=handling&delivery=…) or the
 * 发文稿纸 of a document (GET /blobs?sheet=draft&document=…). */
export async function openFormSheet(sheet: 'handling' | 'draft', id: string, fallbackName: string) {
  const query = new URLSearchParams(sheet === 'handling' ? { sheet, delivery: id } : { sheet, document: id });
  const made = await fetchNamed(query, 'The form cannot be printed');
  handOver(made.blob, made.filename ?? fallbackName);
}

/** Fetches the unit's 收文登记簿 as CSV or PDF and hands it to the browser to save. */
export async function openRegisterExport(params: Record<string, string>, filename: string) {
  handOver(await fetchRegisterExport(params), filename);
}

/** The unit's 发文登记簿 of a year as a printable PDF (GET /blobs?register=outgoing&…), handed to the browser to save. */
export async function openOutgoingRegisterPdf(year: number, prefix: string | null, filename: string) {
  handOver(await fetchRegisterExport({ register: 'outgoing', year: String(year), ...(prefix && { prefix }), format: 'pdf' }), filename);
}

/** Fetches every report of a 征集 as one zip (GET /blobs?reports=<documentId>) and hands it to the browser to save. */
export async function openReportsZip(documentId: string, filename: string) {
  handOver(await fetchMade(new URLSearchParams({ reports: documentId }), 'The reports cannot be downloaded'), filename);
}

/** A stored file's content, fetched with the session's token (a printed copy's PDF for the print viewer). */
export async function fetchBlob(sha256: string): Promise<Blob> {
  const res = await fetch(`${gatewayUrl}/blobs/${sha256}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new PlatformError(`The file cannot be fetched (${res.status})`, 'BLOB_UNAVAILABLE');
  return res.blob();
}

/** Fetches a stored file with the session's token and hands it to the browser to open or save. */
export async function openBlob(sha256: string, filename: string, opts: { download?: boolean } = {}) {
  handOver(await fetchBlob(sha256), filename, opts);
}

/** The operations console's figures (GET /operations on the gateway, for the top unit's administrators). */
export async function fetchOperations<T>(): Promise<T> {
  const res = await fetch(`${gatewayUrl}/operations`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => ({}))) as { errors?: { message: string; extensions?: { code?: string } }[] };
  if (!res.ok) {
    const e = body.errors?.[0];
    throw new PlatformError(e?.message ?? `The operations figures cannot be read (${res.status})`, e?.extensions?.code ?? 'UNAVAILABLE');
  }
  return body as T;
}
