/**
 * local-oss errors: one class, {@link LocalOssError}, whose `code` picks the HTTP status from
 * {@link ERROR_STATUS} (listed once, as in gofakes3's `error.go`), and which renders itself as
 * the OSS `<Error>` XML and the base64 `x-oss-err` header used for HEAD responses.
 */
import { buildXml } from '../oss/xml/build-xml.js';

/**
 * HTTP status of every OSS error code local-oss emits (reference §8.3). If you add a code here,
 * add its EC to {@link ERROR_EC} when OSS documents one.
 */
export const ERROR_STATUS = {
  AccessDenied: 403,
  AccessForbidden: 403,
  BadRequest: 400,
  BucketAlreadyExists: 409,
  BucketNotEmpty: 409,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  FieldItemTooLong: 400,
  FileAlreadyExists: 409,
  IncorrectNumberOfFilesInPOSTRequest: 400,
  ImageTooLarge: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidDigest: 400,
  InvalidEncodingType: 400,
  InvalidObjectName: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidPolicyDocument: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidSecurityToken: 403,
  InvalidTaggingKey: 400,
  InvalidURI: 400,
  MalformedPOSTRequest: 400,
  MalformedXML: 400,
  MaxPOSTPreDataLengthExceededError: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  NoSuchBucket: 404,
  ObjectNotAppendable: 409,
  NotSymlink: 400,
  SymlinkTargetNotExist: 404,
  InvalidTargetType: 400,
  OperationNotSupported: 400,
  RestoreAlreadyInProgress: 409,
  InvalidObjectState: 403,
  PositionNotEqualToLength: 409,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchVersion: 404,
  NotImplemented: 501,
  NotModified: 304,
  PreconditionFailed: 412,
  RequestIsNotMultiPartContent: 400,
  RequestTimeTooSkewed: 403,
  ServiceUnavailable: 503,
  SignatureDoesNotMatch: 403,
} as const;

/** An OSS error code local-oss knows the status of. */
export type LocalOssErrorCode = keyof typeof ERROR_STATUS;

/**
 * Error-centre codes (`<EC>`, `x-oss-ec`) documented for some codes. Others get
 * {@link DEFAULT_EC}, a local placeholder that real OSS never sends.
 */
export const ERROR_EC: Partial<Record<LocalOssErrorCode, string>> = {
  NoSuchKey: '0026-00000001',
  FileAlreadyExists: '0026-00000002',
};

/** EC used for codes without a documented one. */
export const DEFAULT_EC = '0000-00000000';

/** Default `<Message>` per code, used when a thrower gives none. */
const DEFAULT_MESSAGES: Partial<Record<LocalOssErrorCode, string>> = {
  NoSuchKey: 'The specified key does not exist.',
  NoSuchBucket: 'The specified bucket does not exist.',
  NoSuchUpload: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  PreconditionFailed: 'At least one of the pre-conditions you specified did not hold.',
  NotModified: 'Not Modified',
  AccessDenied: 'AccessDenied',
  InternalError: 'We encountered an internal error. Please try again.',
  ServiceUnavailable: 'Please reduce your request rate.',
};

/** An OSS protocol error raised by a handler; the server renders it. */
export class LocalOssError extends Error {
  override readonly name = 'LocalOssError';
  readonly code: string;
  readonly status: number;
  readonly ec: string;
  /** Extra `<Error>` children (e.g. `Key`, `StringToSign`, `Header`), in order. */
  readonly details: Readonly<Record<string, string>>;
  /** Extra response headers (e.g. `ETag` on 304). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: LocalOssErrorCode,
    message?: string,
    options?: {
      details?: Record<string, string>;
      headers?: Record<string, string>;
      /** Overrides the table status (fault injection of arbitrary statuses). */
      status?: number;
      /** Overrides the code text (fault injection of e.g. `TotalQpsLimitExceeded`). */
      codeText?: string;
      cause?: unknown;
    },
  ) {
    super(message ?? DEFAULT_MESSAGES[code] ?? code, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = options?.codeText ?? code;
    this.status = options?.status ?? ERROR_STATUS[code];
    this.ec = ERROR_EC[code] ?? DEFAULT_EC;
    this.details = options?.details ?? {};
    this.headers = options?.headers ?? {};
  }
}

/**
 * The `<Error>` document: `Code`, `Message`, `RequestId`, `HostId`, the details, `EC` and
 * `RecommendDoc`, in the order OSS sends them.
 */
export function errorXml(error: LocalOssError, requestId: string, hostId: string): string {
  return buildXml('Error', {
    Code: error.code,
    Message: error.message,
    RequestId: requestId,
    HostId: hostId,
    ...error.details,
    EC: error.ec,
    RecommendDoc: `https://api.aliyun.com/troubleshoot?q=${error.ec}`,
  });
}

/** The `x-oss-err` header value for a HEAD error: base64 of {@link errorXml}. */
export function errorHeaderValue(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}
