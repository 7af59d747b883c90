/**
 * The OSS client: configuration, and `invoke`, which runs one operation's request through the
 * attempt loop — per attempt: credentials → sign (fresh time, corrected clock) → send → classify —
 * and returns the 2xx response or throws the final error.
 */
import type { Dispatcher } from 'undici';
import { formatCrc64 } from './checksum/crc64.js';
import type { Credentials, CredentialsProvider } from './credentials/credentials.js';
import { isCredentialsProvider, toCredentialsProvider } from './credentials/static-provider.js';
import {
  DEFAULT_BACKOFF_BASE_MS,
  DEFAULT_BACKOFF_CAP_MS,
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_CONNECTIONS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_SIGNATURE_VERSION,
  DEFAULT_SIGNING_PRODUCT,
  MAX_ERROR_BODY_BYTES,
} from './defaults.js';
import { buildRequestUrl, resolveEndpoint } from './endpoint.js';
import type { ResolvedEndpoint } from './endpoint.js';
import { OssError, OssIntegrityError, OssInvalidArgumentError, OssRequestError, OssServiceError } from './errors.js';
import type { RequestTarget } from './errors.js';
import type { StoreAttemptOutcome, StoreObserver } from './observer.js';
import { fullJitterDelay } from './retry/backoff.js';
import { attemptMayHaveLanded, clockOffsetAfter, isRetryableError } from './retry/retryable.js';
import { createDispatcher } from './transport/dispatcher.js';
import type { TransportTimeouts } from './transport/dispatcher.js';
import { isReplayable, prepareBody } from './transport/outgoing-body.js';
import type { PreparedBody } from './transport/outgoing-body.js';
import { parseServiceError } from './transport/parse-error.js';
import { sendBuffered } from './transport/send-buffered.js';
import { readBody, sendOnce } from './transport/send-once.js';
import type { RawRequest } from './transport/send-once.js';
import { presignRequest, signRequest } from './transport/sign-request.js';
import { buildPostForm } from './signer/post-policy.js';
import type { PostFormField, PostFormInput } from './signer/post-policy.js';
import type { OssRequest, OssResponse } from './transport/types.js';

export type { TransportTimeouts } from './transport/dispatcher.js';
export type { OssRequest, OssResponse, RequestBody, StreamingBody } from './transport/types.js';

/** Per-call options of every operation. */
export interface CallOptions {
  /** Aborts the call: the request in flight and any backoff sleep. */
  readonly signal?: AbortSignal;
  /**
   * Opaque to the client: handed to the observer with each attempt of the call
   * (`StoreAttempt.scope`), so what observes the store (request logs, spans) knows whose call it is.
   */
  readonly scope?: unknown;
}

/** Which OSS signature the client puts on requests. */
export type SignatureVersion = 'v4' | 'v1';

/** Configuration of {@link createOssClient}. Only `region` and `credentials` are required. */
export interface OssClientConfig {
  /** Region id (`cn-hangzhou`); also the V4 signing region. */
  readonly region: string;
  /** Explicit endpoint (`oss-cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:9000`); wins over the flags below. */
  readonly endpoint?: string;
  /** Use `oss-<region>-internal.aliyuncs.com` (from inside Alibaba Cloud). */
  readonly internal?: boolean;
  /** Use the dual-stack (IPv4 + IPv6) endpoint `<region>.oss.aliyuncs.com`. */
  readonly dualStack?: boolean;
  /** Use the global transfer-acceleration endpoint. */
  readonly accelerate?: boolean;
  /** Address buckets as `/bucket/key` instead of `bucket.host`; automatic for IP/localhost endpoints. */
  readonly pathStyle?: boolean;
  readonly credentials: CredentialsProvider | Credentials;
  /** Default `v4`. */
  readonly signatureVersion?: SignatureVersion;
  /** Total attempts per request including the first; default 3, `1` disables retries. */
  readonly maxAttempts?: number;
  readonly timeouts?: TransportTimeouts;
  /** Connections per origin of the client's own dispatcher. */
  readonly connections?: number;
  /** Current time in epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** A number in [0, 1) for backoff jitter; default `Math.random`. */
  readonly random?: () => number;
  /** Waits `ms` (rejecting when `signal` aborts); default a timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** An undici dispatcher to use instead of the client's own (which it then does not close). */
  readonly dispatcher?: Dispatcher;
  /** Told about every HTTP request sent to the store (metrics, traces, request logs). */
  readonly observer?: StoreObserver;
}

/** The body of answers that have none (and of streamed ones, whose bytes are in `stream`). */
const EMPTY_BODY = new Uint8Array(0);

/** What an attempt learnt about the store's answer before it ended (for the observer). */
interface AnswerSeen {
  status?: number;
  requestId?: string;
}

/** A request to presign; the query and headers are decoded, header names lowercase. */
export interface PresignInput {
  readonly method: 'GET' | 'PUT' | 'HEAD' | 'DELETE' | 'POST';
  readonly bucket: string;
  readonly key: string;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /** Headers the URL's user must send exactly (content-type, x-oss-meta-*, …); they are signed. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly expiresInSeconds: number;
}

/** A presigned URL and when it stops working. */
export interface PresignedRequest {
  readonly url: string;
  readonly method: PresignInput['method'];
  /** The headers that were signed and must be sent with the URL. */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: Date;
}

/** A signed PostObject form: POST `fields` in order, then the file last, as `multipart/form-data` to `url`. */
export interface PresignedPost {
  /** The bucket's URL (`POST /` on the bucket). */
  readonly url: string;
  readonly fields: readonly PostFormField[];
  readonly expiresAt: Date;
}

/** A configured OSS client. Operations (`src/oss/operations/`) and `createOssApi` take one. */
export interface OssClient {
  readonly endpoint: ResolvedEndpoint;
  readonly signatureVersion: SignatureVersion;
  /**
   * Sends `request` with retries and returns its 2xx response; throws `OssServiceError`,
   * `OssRequestError`, `OssIntegrityError` or `OssCredentialsError` otherwise, with
   * `earlierAttemptMayHaveLanded` set when an earlier attempt may have been applied.
   */
  invoke(request: OssRequest, options?: CallOptions): Promise<OssResponse>;
  /** Signs a URL the holder can use without credentials until `expiresInSeconds` from now. */
  presign(input: PresignInput): Promise<PresignedRequest>;
  /** Signs a PostObject form (policy + signature, V4 or V1 like the client) valid `expiresInSeconds` from now. */
  presignPost(input: PostFormInput): Promise<PresignedPost>;
  /** The URL `request` would be sent to. */
  urlFor(bucket: string | undefined, key: string | undefined, query?: ReadonlyArray<readonly [string, string]>): string;
  /** Closes the client's own dispatcher (an injected one is left open). Idempotent. */
  close(): Promise<void>;
}

/** Resolves after `ms` milliseconds, or rejects when `signal` aborts. */
function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Creates a client. Throws {@link OssInvalidArgumentError} for a bad region, endpoint or
 * `maxAttempts`. The client owns one keep-alive dispatcher unless `config.dispatcher` is given.
 */
export function createOssClient(config: OssClientConfig): OssClient {
  const endpoint = resolveEndpoint(config);
  const credentials = toCredentialsProvider(config.credentials);
  // Why: plain credentials never change; taking them without an await saves a promise hop (and
  // its async-hook work) per attempt. A provider is asked every attempt (it may refresh).
  const fixedCredentials = isCredentialsProvider(config.credentials) ? undefined : Object.freeze({ ...config.credentials });
  const signatureVersion = config.signatureVersion ?? DEFAULT_SIGNATURE_VERSION;
  const maxAttempts = config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new OssInvalidArgumentError('maxAttempts', 'must be an integer ≥ 1', maxAttempts);
  }
  const now = config.now ?? Date.now;
  const random = config.random ?? Math.random;
  const sleep = config.sleep ?? timerSleep;
  const { observer } = config;
  const ownsDispatcher = config.dispatcher === undefined;
  const dispatcher =
    config.dispatcher ??
    createDispatcher({
      connectTimeoutMs: config.timeouts?.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: config.timeouts?.headersMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: config.timeouts?.bodyMs ?? DEFAULT_BODY_TIMEOUT_MS,
      keepAliveTimeoutMs: config.timeouts?.keepAliveMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      connections: config.connections ?? DEFAULT_CONNECTIONS,
    });
  /** Server time minus local time, learnt from `RequestTimeTooSkewed` answers. */
  let clockOffsetMs = 0;
  let closed: Promise<void> | undefined;

  const urlFor: OssClient['urlFor'] = (bucket, key, query = []) => buildRequestUrl(endpoint, bucket, key, query);

  async function attempt(request: OssRequest, url: string, signal: AbortSignal | undefined, seen: AnswerSeen): Promise<OssResponse> {
    const target: RequestTarget = { method: request.method, url };
    const body = prepareBody(request.body);
    // The one header record of this attempt: the operation's headers, then what signing adds.
    const headers: Record<string, string> = { ...request.headers };
    if (body.contentLength !== undefined && !(request.body instanceof Uint8Array)) {
      headers['content-length'] = String(body.contentLength);
    }
    const signed = signRequest(
      { method: request.method, bucket: request.bucket, key: request.key, query: request.query ?? [], headers },
      {
        version: signatureVersion,
        credentials: fixedCredentials ?? (await credentials.getCredentials()),
        region: endpoint.region,
        product: DEFAULT_SIGNING_PRODUCT,
        now: new Date(now() + clockOffsetMs),
      },
    );
    for (const name in signed) headers[name] = signed[name] as string;
    const outgoing: RawRequest = { method: request.method, url, headers, body: body.payload, signal };
    if (request.responseType === 'stream') return streamedAttempt(request, outgoing, body, target, seen);
    const raw = await sendBuffered(dispatcher, outgoing, seen, MAX_ERROR_BODY_BYTES);
    if (raw.status < 200 || raw.status > 299) throw parseServiceError(raw.status, raw.headers, raw.body, target);
    return answered(request, raw.status, raw.headers, raw.body, body, url);
  }

  /** The attempt of a `responseType: 'stream'` request: resolves at the headers, the 2xx body unread. */
  async function streamedAttempt(
    request: OssRequest,
    outgoing: RawRequest,
    body: PreparedBody,
    target: RequestTarget,
    seen: AnswerSeen,
  ): Promise<OssResponse> {
    const raw = await sendOnce(dispatcher, outgoing);
    seen.status = raw.status;
    const answerId = raw.headers['x-oss-request-id'];
    if (answerId !== undefined) seen.requestId = answerId;
    if (raw.status < 200 || raw.status > 299) {
      let errorBody: Uint8Array;
      try {
        errorBody = await readBody(raw.body, MAX_ERROR_BODY_BYTES);
      } catch {
        errorBody = new Uint8Array();
      }
      throw parseServiceError(raw.status, raw.headers, errorBody, target);
    }
    try {
      return { ...answered(request, raw.status, raw.headers, EMPTY_BODY, body, target.url), stream: raw.body };
    } catch (error) {
      raw.body.destroy();
      throw error;
    }
  }

  /** The 2xx response, after the CRC-64 check of an upload (`OssIntegrityError` on a mismatch). */
  function answered(
    request: OssRequest,
    status: number,
    headers: Record<string, string>,
    responseBody: Uint8Array,
    body: PreparedBody,
    url: string,
  ): OssResponse {
    const requestId = headers['x-oss-request-id'] ?? '';
    const sentCrc64 = body.crc64();
    const serverCrc = headers['x-oss-hash-crc64ecma'];
    if (request.verifyUploadCrc && sentCrc64 !== undefined && serverCrc !== undefined && serverCrc !== formatCrc64(sentCrc64)) {
      throw new OssIntegrityError(`${request.operation} ${url} (request id ${requestId})`, formatCrc64(sentCrc64), serverCrc);
    }
    return sentCrc64 === undefined
      ? { status, headers, requestId, body: responseBody }
      : { status, headers, requestId, body: responseBody, sentCrc64 };
  }

  // Why the try/catch: observing is a side channel; a faulty observer must never fail or change a
  // store request.
  function observeStart(request: OssRequest, attemptNumber: number, scope: unknown): ((outcome: StoreAttemptOutcome) => void) | undefined {
    if (observer === undefined) return undefined;
    try {
      return observer.attemptStarted({ operation: request.operation, method: request.method, bucket: request.bucket, attempt: attemptNumber, scope });
    } catch {
      return undefined;
    }
  }

  function observeEnd(end: ((outcome: StoreAttemptOutcome) => void) | undefined, outcome: StoreAttemptOutcome): void {
    try {
      end?.(outcome);
    } catch {
      // See observeStart.
    }
  }

  async function invoke(request: OssRequest, options?: CallOptions): Promise<OssResponse> {
    const url = urlFor(request.bucket, request.key, request.query ?? []);
    const signal = options?.signal;
    const replayable = isReplayable(request.body);
    let earlierMayHaveLanded = false;
    // Why a flag on the final error rather than a read-back here: only the operation's caller
    // knows what the object should hold if the write landed (helpers/write-read-back.ts).
    const final = (error: unknown): unknown => {
      if (earlierMayHaveLanded && error instanceof OssError) error.earlierAttemptMayHaveLanded = true;
      return error;
    };
    for (let attemptNumber = 1; ; attemptNumber++) {
      if (signal?.aborted) {
        throw final(new OssRequestError('RequestAborted', 'aborted before sending', { method: request.method, url }, { cause: signal.reason }));
      }
      const seen: AnswerSeen = {};
      const end = observeStart(request, attemptNumber, options?.scope);
      try {
        const response = await attempt(request, url, signal, seen);
        observeEnd(end, { status: seen.status, requestId: seen.requestId, error: undefined, retry: undefined });
        return response;
      } catch (error) {
        const offset = clockOffsetAfter(error, now());
        if (offset !== undefined) clockOffsetMs = offset;
        const finalAnswer = error instanceof OssServiceError && request.finalCodes?.includes(error.code) === true;
        const lastAttempt = attemptNumber >= maxAttempts || !replayable || finalAnswer || !isRetryableError(error);
        observeEnd(end, {
          status: seen.status ?? (error instanceof OssServiceError ? error.status : undefined),
          requestId: seen.requestId ?? (error instanceof OssServiceError ? error.requestId : undefined),
          error,
          retry: lastAttempt ? undefined : { reason: error instanceof OssError ? error.code : 'Unknown' },
        });
        if (lastAttempt) throw final(error);
        if (attemptMayHaveLanded(error)) earlierMayHaveLanded = true;
        try {
          await sleep(fullJitterDelay(attemptNumber, { baseMs: DEFAULT_BACKOFF_BASE_MS, capMs: DEFAULT_BACKOFF_CAP_MS, random }), signal);
        } catch (cause) {
          throw final(new OssRequestError('RequestAborted', 'aborted while waiting to retry', { method: request.method, url }, { cause }));
        }
      }
    }
  }

  async function presign(input: PresignInput): Promise<PresignedRequest> {
    const signedAt = new Date(now() + clockOffsetMs);
    return presignRequest(input, {
      version: signatureVersion,
      credentials: await credentials.getCredentials(),
      region: endpoint.region,
      product: DEFAULT_SIGNING_PRODUCT,
      now: signedAt,
      baseUrl: urlFor(input.bucket, input.key),
    });
  }

  async function presignPost(input: PostFormInput): Promise<PresignedPost> {
    const form = buildPostForm(input, {
      version: signatureVersion,
      credentials: await credentials.getCredentials(),
      region: endpoint.region,
      product: DEFAULT_SIGNING_PRODUCT,
      now: new Date(now() + clockOffsetMs),
    });
    return { url: urlFor(input.bucket, undefined), fields: form.fields, expiresAt: form.expiresAt };
  }

  return {
    endpoint,
    signatureVersion,
    invoke,
    presign,
    presignPost,
    urlFor,
    close() {
      closed ??= ownsDispatcher ? dispatcher.close() : Promise.resolve();
      return closed;
    },
  };
}
