/**
 * The policy at the entry of the composite helpers (metadata editor, copier). Their store requests
 * already go through the authorized store view when they run over it; these checks run first, on
 * the whole intent, so that (1) a denied edit or copy costs no request at all, and (2) work that
 * may be carried out by another request's helper (a process-wide coordinator group-committing
 * several requests' edits into one copy) is still checked against each caller's own policy.
 */
import type { Copier } from '../oss/helpers/copier.js';
import type { MetadataEditor } from '../oss/helpers/metadata-editor.js';
import type { Access } from './access.js';

type EditorGuard<K extends keyof MetadataEditor> = (access: Access, request: Parameters<MetadataEditor[K]>[0]) => void;
type CopierGuard<K extends keyof Copier> = (access: Access, request: Parameters<Copier[K]>[0]) => void;

// Why mapped types: a method added to either interface must be classified here to compile.
const EDITOR_GUARDS: { readonly [K in keyof MetadataEditor]: EditorGuard<K> } = {
  // Why read too: an edit reads the object's metadata and ACL, and answers with them.
  edit: (access, r) => {
    access.check('read', r.bucket, r.key);
    access.check('write', r.bucket, r.key);
  },
};

const COPIER_GUARDS: { readonly [K in keyof Copier]: CopierGuard<K> } = {
  copy: (access, r) => {
    access.check('read', r.sourceBucket ?? r.bucket, r.sourceKey);
    access.check('write', r.bucket, r.key);
  },
};

function guarded<T extends object>(target: T, guards: Record<string, (access: Access, request: unknown) => void>, access: Access): T {
  const view: Record<string, unknown> = {};
  for (const [name, guard] of Object.entries(guards)) {
    const method = (target as Record<string, (...args: unknown[]) => Promise<unknown>>)[name] as (...args: unknown[]) => Promise<unknown>;
    view[name] = async (...args: unknown[]): Promise<unknown> => {
      guard(access, args[0]);
      return method.apply(target, args);
    };
  }
  return view as T;
}

/** `editor` with each call first checked: `read` and `write` on the edited object. */
export function authorizeMetadataEditor(editor: MetadataEditor, access: Access): MetadataEditor {
  return guarded(editor, EDITOR_GUARDS as unknown as Record<string, (access: Access, request: unknown) => void>, access);
}

/** `copier` with each call first checked: `read` on the source, `write` on the destination. */
export function authorizeCopier(copier: Copier, access: Access): Copier {
  return guarded(copier, COPIER_GUARDS as unknown as Record<string, (access: Access, request: unknown) => void>, access);
}

/** What `Mutation.copyObject` is about to do, for {@link checkCopyIntent}. */
export interface CopyIntent {
  readonly sourceBucket: string;
  readonly sourceKey: string;
  readonly bucket: string;
  readonly key: string;
  /** The source is deleted after the copy (a move). */
  readonly deleteSource: boolean;
}

/**
 * Checks a whole copy before its first request: `read` on the source, `write` on the destination
 * and, for a move, `delete` on the source. Why up front: the copy reads the source before it
 * writes, and deletes last; checking only at each request would spend a read on a denied
 * destination, and would leave a copy behind when the deletion is denied.
 */
export function checkCopyIntent(access: Access, intent: CopyIntent): void {
  access.check('read', intent.sourceBucket, intent.sourceKey);
  access.check('write', intent.bucket, intent.key);
  if (intent.deleteSource) access.check('delete', intent.sourceBucket, intent.sourceKey);
}
