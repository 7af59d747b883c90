/**
 * Streaming `multipart/form-data` reading for PostObject, on `@fastify/busboy`: the fields before
 * the file are collected (bounded), the file is handed over as a stream with backpressure (never
 * buffered), and after an error the rest of the body is drained up to a bound so the error
 * response reaches the client, then the connection is cut.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import { LocalOssError } from './errors.js';

/** Bounds on what a form may hold before its file. */
export interface PostFormLimits {
  /** Longest field value in bytes (`FieldItemTooLong`). */
  readonly maxFieldBytes: number;
  /** Longest field name in bytes (`FieldItemTooLong`). */
  readonly maxFieldNameBytes: number;
  /** Most bytes of the body before the file starts (`MaxPOSTPreDataLengthExceededError`). */
  readonly maxPreDataBytes: number;
  /** Most fields before the file. */
  readonly maxFields: number;
  /** Most bytes of the rest of a refused body read (and discarded) before the connection is cut. */
  readonly maxDrainBytes: number;
}

/** Default {@link PostFormLimits}: 64 KiB values, 1 KiB names, 256 KiB before the file, 16 MiB drained. */
export const DEFAULT_POST_FORM_LIMITS: PostFormLimits = {
  maxFieldBytes: 64 * 1024,
  maxFieldNameBytes: 1024,
  maxPreDataBytes: 256 * 1024,
  maxFields: 1000,
  maxDrainBytes: 16 * 1024 * 1024,
};

/** A field before the file, name as sent. Values are the UTF-8 text of the part. */
export interface FormField {
  readonly name: string;
  readonly value: string;
}

/** The file part. */
export interface FormFile {
  readonly filename: string;
  /** The part's own Content-Type (`text/plain` when it has none). */
  readonly contentType: string;
  readonly stream: Readable;
}

/** What was read up to the file. */
export interface FormHead {
  readonly fields: readonly FormField[];
  /** Absent when the body ended without a part named `file`. */
  readonly file?: FormFile;
}

/** A form being read. */
export interface PostFormReader {
  /** Resolves at the file part (or the end of a body without one); rejects on a malformed or oversized head. */
  readonly head: Promise<FormHead>;
  /**
   * Resolves when the whole body has been parsed, after the file; rejects if a second file
   * follows (`IncorrectNumberOfFilesInPOSTRequest`) or the body is malformed. Fields after the
   * file are ignored, as OSS does.
   */
  readonly done: Promise<void>;
  /** Stops parsing: the rest of the body is read and discarded up to `maxDrainBytes`, then the request is destroyed. */
  abandon(): void;
}

/** A request body that can be cut off (node:http's IncomingMessage is one). */
export type FormBody = AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => void };

/** True when `contentType` is `multipart/form-data` with a boundary. */
export function isMultipartFormData(contentType: string | undefined): boolean {
  return contentType !== undefined && /^multipart\/form-data\s*;.*boundary=/i.test(contentType);
}

function malformed(cause: unknown): LocalOssError {
  return new LocalOssError('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.', { cause });
}

/**
 * Starts reading a PostObject body. The part named `file` (any case) is the file; every other
 * part is a field, whatever its filename. Throws `RequestIsNotMultiPartContent` synchronously when
 * the Content-Type is not `multipart/form-data` with a boundary.
 */
export function readPostForm(body: FormBody, headers: IncomingHttpHeaders, limits: PostFormLimits = DEFAULT_POST_FORM_LIMITS): PostFormReader {
  const contentType = headers['content-type'];
  if (!isMultipartFormData(contentType)) {
    throw new LocalOssError('RequestIsNotMultiPartContent', 'Bucket POST must be of the enclosure-type multipart/form-data');
  }
  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { ...headers, 'content-type': contentType as string },
      isPartAFile: (name) => name?.toLowerCase() === 'file',
      limits: { fieldSize: limits.maxFieldBytes, fields: limits.maxFields, headerSize: 16 * 1024 },
    });
  } catch (error) {
    throw malformed(error);
  }

  const fields: FormField[] = [];
  let files = 0;
  let fileSeen = false;
  let stopped = false;
  let resolveHead!: (head: FormHead) => void;
  let rejectHead!: (error: unknown) => void;
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const head = new Promise<FormHead>((resolve, reject) => {
    resolveHead = resolve;
    rejectHead = reject;
  });
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // Why: a caller that gives up after `head` never awaits `done`; its rejection must not be unhandled.
  done.catch(() => undefined);
  head.catch(() => undefined);

  let fileStream: BusboyFileStream | undefined;
  const fail = (error: LocalOssError): void => {
    rejectHead(error);
    rejectDone(error);
    // Why: a consumer waiting on the file (the backend's put) must see the failure, not wait forever.
    if (fileStream !== undefined && !fileStream.readableEnded) fileStream.destroy(error);
  };

  parser.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
    if (fileSeen) return;
    if (valueTruncated || Buffer.byteLength(name, 'utf8') > limits.maxFieldNameBytes) {
      fail(new LocalOssError('FieldItemTooLong', `The form field ${JSON.stringify(name.slice(0, 64))} is longer than allowed (names ${limits.maxFieldNameBytes} bytes, values ${limits.maxFieldBytes} bytes).`));
      return;
    }
    fields.push({ name, value });
  });
  parser.on('fieldsLimit', () => {
    if (!fileSeen) fail(new LocalOssError('MaxPOSTPreDataLengthExceededError', `Your POST request has more than ${limits.maxFields} fields before the file.`));
  });
  parser.on('file', (_name: string, stream: BusboyFileStream, filename: string, _encoding: string, mimeType: string) => {
    files++;
    if (files > 1) {
      stream.resume();
      fail(new LocalOssError('IncorrectNumberOfFilesInPOSTRequest', 'POST requires exactly one file upload per request.'));
      return;
    }
    fileSeen = true;
    fileStream = stream;
    resolveHead({ fields, file: { filename: filename ?? '', contentType: mimeType, stream } });
  });
  parser.on('finish', () => {
    resolveHead({ fields });
    resolveDone();
  });
  parser.on('error', (error: unknown) => fail(malformed(error)));

  const iterator = body[Symbol.asyncIterator]();
  const write = (chunk: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => parser.write(chunk, (error) => (error ? reject(error) : resolve())));

  // Why a manual iterator: leaving a `for await` early would destroy the request (and the
  // socket) before the error response is written.
  const feed = async (): Promise<void> => {
    let before = 0;
    for (;;) {
      if (stopped) return;
      const next = await iterator.next();
      if (stopped) return;
      if (next.done === true) {
        parser.end();
        return;
      }
      if (!fileSeen) {
        before += next.value.length;
        if (before > limits.maxPreDataBytes + limits.maxFieldBytes) {
          fail(new LocalOssError('MaxPOSTPreDataLengthExceededError', `Your POST request fields preceding the upload file exceed ${limits.maxPreDataBytes} bytes.`));
          return;
        }
      }
      await write(next.value);
    }
  };
  feed().catch((error: unknown) => fail(error instanceof LocalOssError ? error : malformed(error)));

  const drain = async (): Promise<void> => {
    let drained = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      drained += next.value.length;
      if (drained > limits.maxDrainBytes) {
        body.destroy?.();
        return;
      }
    }
  };

  return {
    head,
    done,
    abandon() {
      if (stopped) return;
      stopped = true;
      parser.removeAllListeners('file');
      drain().catch(() => body.destroy?.());
    },
  };
}

/** Fields before the file whose total size (names + values) exceeds `limit`: `MaxPOSTPreDataLengthExceededError`. */
export function checkPreDataSize(fields: readonly FormField[], limit: number): void {
  let total = 0;
  for (const f of fields) total += Buffer.byteLength(f.name, 'utf8') + Buffer.byteLength(f.value, 'utf8');
  if (total > limit) {
    throw new LocalOssError('MaxPOSTPreDataLengthExceededError', `Your POST request fields preceding the upload file exceed ${limit} bytes (${total}).`);
  }
}
