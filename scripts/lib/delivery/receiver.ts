import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHeader } from '../render/http-request';
import { contractRequestProblem, type Contract } from './contracts';
import { eventDate } from './event-date';
import { MASK, maskSecrets, shownHeaderValue } from './mask';
import { DEFAULT_SIGNATURE_HEADER, isHexSignature, SIGNATURE_HEADER_NAME, verifySignature } from './signature';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-value';
import { checkJson } from '../json-syntax';
import { plural } from '../plural';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/**
 * The largest --max-body: a body is shown as one string, every control character written as six
 * (`\u0001`), and V8's strings stop short of 512 MiB. Webhook bodies are kilobytes.
 */
export const MAX_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/**
 * How many of the latest requests keep their bodies in received() and requests(): a receiver
 * left running keeps the rest of every record, but not a megabyte of body each, without end.
 */
export const KEPT_BODIES = 100;

export interface ReceiverOptions {
  /** 0 (the default) takes any free port; read it back from `Receiver.port`. */
  port?: number;
  host?: string;
  /** When set, every request must carry a valid signature of its body (401 otherwise). */
  secret?: string;
  signatureHeader?: string;
  /** Answer 500 to this many (correctly signed) requests first, to watch a sender retry. */
  failFirst?: number;
  /** A destination's rules for the request: method, media type and body (see CONTRACTS). */
  contract?: Contract;
  maxBodyBytes?: number;
  /** Time allowed from a request's headers to the end of its body (408 after it). */
  requestTimeoutMs?: number;
  /** Values masked in everything recorded (path, headers, body, reason, problems); the secret is always masked. */
  secrets?: string[];
  /** Called once per request after it was answered. */
  onRequest?: (received: ReceivedRequest) => void;
}

export interface ReceivedRequest {
  /** Arrival number, from 1. */
  seq: number;
  method: string;
  /** Path and query, secrets masked. */
  path: string;
  /** As sent (names keep their case), with secrets, the signature and credential headers (Authorization, X-Api-Key...) masked. */
  headers: HttpHeader[];
  /**
   * Parsed JSON, or the text; undefined when the body was not read (413, 408), or was let go
   * (`bodyLetGo`). Secrets masked.
   */
  body: unknown;
  /** True once KEPT_BODIES later requests have come: the body was shown then (onRequest), and is no longer kept. */
  bodyLetGo?: boolean;
  /** Size of the body read, in bytes. */
  bytes: number;
  /** The status the receiver answered. */
  status: number;
  /** Why it answered that status, in a few words: `accepted`, `signature mismatch`, ... */
  reason: string;
  /** The contract's problems (400), else empty. */
  problems: string[];
  /** The event's date (epoch ms) read from the body, when it has one. */
  date?: number;
  /** Epoch ms. */
  receivedAt: number;
}

export interface Receiver {
  url: string;
  port: number;
  /** The accepted (2xx) requests ordered by event date; undated ones last, in arrival order. */
  received(): ReceivedRequest[];
  /** Every request, whatever the answer, in arrival order. */
  requests(): ReceivedRequest[];
  close(): Promise<void>;
}

type Parsed = { ok: true; body: unknown } | { ok: false; error: string };

/** The body as JSON, refusing what nests too deeply to mask, check or print safely; a syntax error says where, as validate does. */
function parseJson(text: string): Parsed {
  const parsed = checkJson(text);
  if (!parsed.ok) return { ok: false, error: `malformed JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}` };
  if (nestsDeeperThan(parsed.value, MAX_JSON_DEPTH)) return { ok: false, error: `malformed JSON: it nests more than ${MAX_JSON_DEPTH} levels deep` };
  return { ok: true, body: parsed.value };
}

function parseBody(raw: Buffer, contentType: string | undefined): Parsed {
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  const declaredJson = contentType !== undefined && /^\s*(application\/([\w.-]+\+)?json|text\/json)\s*(;|$)/i.test(contentType);
  const looksJson = /^\s*[{[]/.test(text);
  if (declaredJson || (contentType === undefined && looksJson)) {
    return parseJson(text);
  }
  if (looksJson) {
    // A text content type with a JSON-looking body: JSON when it parses, the text otherwise.
    const parsed = parseJson(text);
    return parsed.ok ? parsed : { ok: true, body: text };
  }
  return { ok: true, body: text };
}

const JSON_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Parsed JSON with every secret masked: in strings, keys, numbers (ids and PINs are tokens too) and literals. */
function maskDeep(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return maskSecrets(value, secrets);
  if (typeof value === 'number') {
    // Parsed, a number no longer prints as it was sent (`1.50`, digits past 2^53): compared as numbers too.
    const text = String(value);
    const holdsSecret = maskSecrets(text, secrets) !== text || secrets.some((secret) => JSON_NUMBER.test(secret) && Number(secret) === value);
    return holdsSecret ? MASK : value;
  }
  if (typeof value === 'boolean' || value === null) return secrets.includes(String(value)) ? MASK : value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskSecrets(key, secrets), maskDeep(item, secrets)]));
  }
  return value;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A header value as text. Node reads each byte of a value as one character; senders (Go's client,
 * and so `send`) write text as UTF-8, so the bytes are read back as UTF-8 when they are that.
 */
function headerText(value: string): string {
  if (!/[^\u0000-\u007f]/.test(value)) return value;
  try {
    return strictUtf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

function headerPairs(raw: string[]): HttpHeader[] {
  const headers: HttpHeader[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) headers.push({ name: raw[i]!, value: headerText(raw[i + 1]!) });
  return headers;
}

/** Dated ones by date; undated ones last, by arrival, which may differ from the order they were answered in. */
function byEventDate(a: ReceivedRequest, b: ReceivedRequest): number {
  if (a.date === undefined || b.date === undefined) return (a.date === undefined ? 1 : 0) - (b.date === undefined ? 1 : 0) || a.seq - b.seq;
  return a.date - b.date;
}

/** True for the first bytes of a TLS connection (a handshake record of TLS 1.x): a client speaking https to this plain http server. */
function startsTlsHandshake(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0x16 && bytes[1] === 0x03 && bytes[2]! <= 0x04;
}

/** The query of a request target; never throws, whatever the target is. */
function queryOf(target: string | undefined): URLSearchParams {
  const start = target?.indexOf('?') ?? -1;
  return new URLSearchParams(start === -1 ? '' : target!.slice(start + 1));
}

/**
 * A local HTTP endpoint that answers like a hook destination: it checks the signature over the
 * raw bytes before anything else, can fail the first requests on purpose, parses the body,
 * applies a destination contract, and keeps the accepted events in event-date order (deliveries
 * arrive out of order). Bad input gets an HTTP answer, never an exception.
 */
export function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = Math.min(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, MAX_BODY_LIMIT_BYTES);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const signatureHeader = (options.signatureHeader ?? DEFAULT_SIGNATURE_HEADER).toLowerCase();
  const masked = [...(options.secret ? [options.secret] : []), ...(options.secrets ?? [])];
  const all: ReceivedRequest[] = [];
  let failedOnPurpose = 0;
  let arrived = 0;

  /** Records a request answered, and tells the observer. */
  function keep(record: ReceivedRequest): void {
    all.push(record);
    const older = all[all.length - 1 - KEPT_BODIES];
    if (older && older.body !== undefined) {
      older.body = undefined;
      older.bodyLetGo = true;
    }
    try {
      options.onRequest?.(record);
    } catch {
      // An observer that throws must not take the receiver down with it.
    }
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const receivedAt = Date.now();
    // Numbered as they arrive: several may be in flight at once (parallel uploads, a slow one).
    const seq = ++arrived;
    const chunks: Buffer[] = [];
    let bytes = 0;
    let answered = false;

    const answer = (status: number, reason: string, extra: { body?: unknown; date?: number; problems?: string[]; reply?: object; close?: boolean } = {}) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      const record: ReceivedRequest = {
        seq,
        method: req.method ?? '',
        path: maskSecrets(req.url ?? '', masked),
        headers: headerPairs(req.rawHeaders).map((header) => ({
          name: maskSecrets(header.name, masked),
          value: header.name.toLowerCase() === signatureHeader ? MASK : shownHeaderValue(header.name, maskSecrets(header.value, masked)),
        })),
        body: maskDeep(extra.body, masked),
        bytes,
        status,
        // A parse error or a contract's problem may quote the body.
        reason: maskSecrets(reason, masked),
        problems: (extra.problems ?? []).map((problem) => maskSecrets(problem, masked)),
        date: extra.date,
        receivedAt,
      };
      keep(record);
      const headers: http.OutgoingHttpHeaders = {};
      // Without this Node would read the rest of an oversized or stalled body before closing.
      if (extra.close) headers.connection = 'close';
      if (extra.reply !== undefined) headers['content-type'] = 'application/json';
      try {
        res.writeHead(status, headers);
        res.end(extra.reply === undefined ? undefined : JSON.stringify(extra.reply));
      } catch {
        req.destroy();
      }
    };

    const timer = setTimeout(() => answer(408, `body not complete after ${requestTimeoutMs} ms`, { reply: { message: 'request timeout' }, close: true }), requestTimeoutMs);
    const tooLarge = () =>
      answer(413, `body over ${maxBodyBytes} bytes`, { reply: { message: `request body larger than ${maxBodyBytes} bytes` }, close: true });

    // A request that errors mid-stream (client gone, reset) is simply closed.
    req.on('error', () => {
      clearTimeout(timer);
      answered = true;
      req.destroy();
    });
    req.on('close', () => clearTimeout(timer));

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      tooLarge();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (answered) return;
      bytes += chunk.length;
      if (bytes > maxBodyBytes) {
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (answered) return;
      // Runs outside the server's own guard: whatever fails here still gets an answer.
      try {
        decide(Buffer.concat(chunks));
      } catch (error) {
        answer(500, `receiver failed: ${(error as Error)?.message ?? String(error)}`, { reply: { message: 'receiver failed' } });
      }
    });

    /**
     * Where a request brings its signature in another header (the manifest's headerName), the --header that reads it:
     * one named so, or one whose value has a signature's form, since a headerName may be any name.
     */
    function otherSignatureHint(rawHeaders: string[]): string {
      const other = headerPairs(rawHeaders).find(
        (header) => (SIGNATURE_HEADER_NAME.test(header.name) || isHexSignature(header.value)) && header.name.toLowerCase() !== signatureHeader,
      );
      return other ? `; it has ${other.name}: receive --header ${other.name} checks that one` : '';
    }

    function decide(raw: Buffer): void {
      if (options.secret !== undefined) {
        // Distinct: Node joins the values of a repeated header with commas, which would read as one malformed value.
        const values = req.headersDistinct[signatureHeader];
        const text = raw.toString('utf8');
        const headerName = options.signatureHeader ?? DEFAULT_SIGNATURE_HEADER;
        // What a sender reads is the kind of refusal; the log says why.
        const refuse = (reason: string, message: string) => answer(401, reason, { body: text, reply: { message } });
        if (values === undefined) {
          refuse(`missing signature (${headerName} header)${otherSignatureHint(req.rawHeaders)}`, 'missing signature');
          return;
        }
        if (values.length > 1) {
          refuse(`signature mismatch: ${values.length} ${headerName} headers, where LaunchDarkly sends one`, 'signature mismatch');
          return;
        }
        const signature = values[0]!;
        if (!verifySignature(raw, options.secret, signature)) {
          // A value of another form (`sha256=…`, base64) points at the sender's encoding, not at the secret or the body.
          const why = isHexSignature(signature)
            ? 'not the HMAC-SHA256 of the body with --secret (the sender signs with another secret, or the body changed on the way)'
            : `the ${headerName} value is not 64 hex digits, the form LaunchDarkly sends an HMAC-SHA256 in (no prefix such as sha256=, no base64)`;
          refuse(`signature mismatch: ${why}`, 'signature mismatch');
          return;
        }
      }
      const parsed = parseBody(raw, req.headers['content-type']);
      if (options.failFirst !== undefined && failedOnPurpose < options.failFirst) {
        failedOnPurpose += 1;
        const body = parsed.ok ? parsed.body : raw.toString('utf8');
        answer(500, `failing on purpose (${failedOnPurpose} of ${options.failFirst})`, { body, reply: { message: 'failing on purpose' } });
        return;
      }
      // The method and media type first, as the destination routes on them before it reads a body: a GET gets 405, not a JSON error.
      const wrongRequest = options.contract && contractRequestProblem(options.contract, req.method, req.headers['content-type']);
      if (wrongRequest) {
        const body = parsed.ok ? parsed.body : raw.toString('utf8');
        answer(wrongRequest.status, `contract: ${wrongRequest.reason}`, { body, date: eventDate(body), reply: { message: wrongRequest.reason } });
        return;
      }
      if (!parsed.ok) {
        answer(400, parsed.error, { body: raw.toString('utf8'), reply: { message: parsed.error } });
        return;
      }
      const date = eventDate(parsed.body);
      if (options.contract) {
        let problems: string[];
        try {
          problems = options.contract.body(parsed.body);
        } catch (error) {
          answer(500, `contract failed: ${(error as Error)?.message ?? String(error)}`, { body: parsed.body, date, reply: { message: 'contract failed' } });
          return;
        }
        if (problems.length > 0) {
          const reason = `contract: ${plural(problems.length, 'problem')}`;
          answer(400, reason, { body: parsed.body, date, problems, reply: options.contract.rejected(problems) });
          return;
        }
      }
      const success = options.contract?.accepted?.(queryOf(req.url), parsed.body, seq);
      answer(success?.status ?? 204, 'accepted', { body: parsed.body, date, reply: success?.reply });
    }
  }

  const server = http.createServer(
    { requestTimeout: requestTimeoutMs, headersTimeout: Math.min(requestTimeoutMs, 60_000) },
    (req, res) => {
      try {
        handle(req, res);
      } catch {
        req.destroy();
      }
    },
  );

  // Bytes Node cannot read as an HTTP request never reach handle(): they are answered and shown
  // here, so that nothing a sender sent goes unseen. A client that left needs no answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || error.code === 'HPE_INVALID_EOF_STATE' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    // Node's parser says what it could not read (`Invalid method encountered`) and hands over the bytes.
    const { reason: why, rawPacket } = error as NodeJS.ErrnoException & { reason?: string; rawPacket?: Buffer };
    const tls = rawPacket !== undefined && startsTlsHandshake(rawPacket);
    const reason = tls
      ? 'a TLS handshake, not an HTTP request: the sender uses an https:// url, and this receiver speaks plain http (send to http://)'
      : `not an HTTP request it can read: ${why ?? error.message} (${error.code})`;
    // A handshake's bytes tell nothing more than the reason does.
    const body = rawPacket && !tls ? maskSecrets(rawPacket.toString('utf8'), masked) : undefined;
    keep({ seq: ++arrived, method: '', path: '', headers: [], body, bytes: rawPacket?.length ?? 0, status, reason, problems: [], receivedAt: Date.now() });
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets and stalled uploads would otherwise hold close() open.
      server.closeAllConnections();
    });
    return closing;
  };

  return new Promise<Receiver>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      // After listening, a server error is about one connection; it must not crash the process.
      server.on('error', () => undefined);
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        received: () => all.filter((r) => r.status >= 200 && r.status < 300).sort(byEventDate),
        requests: () => [...all],
        close,
      });
    });
  });
}
