/** The small value types of `StorageObject`'s aspects: tags, image info, restore and expiration. */
import type { GetImageInfoResult } from '../../oss/operations/get-image-info.js';
import type { ObjectTag } from '../../oss/operations/shared/tags.js';
import { builder } from '../builder.js';
import type { ExpirationState, RestoreState } from '../quoted-pairs.js';

/** `type Tag { key value }`. */
export const TagRef = builder.objectRef<ObjectTag>('Tag').implement({
  description: 'One object tag.',
  fields: (t) => ({ key: t.exposeString('key'), value: t.exposeString('value') }),
});

/** `input TagInput { key value }`. */
export const TagInput = builder.inputType('TagInput', {
  description: 'One object tag: at most 10 per object, keys 1-128 and values up to 256 letters, digits, spaces or + - = . _ : /.',
  fields: (t) => ({ key: t.string({ required: true }), value: t.string({ required: true }) }),
});

/** `type ImageInfo { width height format }`. */
export const ImageInfoRef = builder.objectRef<GetImageInfoResult>('ImageInfo').implement({
  description: 'Dimensions and format of an image (from `x-oss-process=image/info`).',
  fields: (t) => ({
    width: t.exposeInt('width'),
    height: t.exposeInt('height'),
    format: t.exposeString('format', { description: 'As OSS names it: jpg, png, gif, webp, bmp, tiff.' }),
  }),
});

/** `type RestoreStatus { ongoing expiresAt }`. */
export const RestoreStatusRef = builder.objectRef<RestoreState>('RestoreStatus').implement({
  description: 'The restore state of an archived object.',
  fields: (t) => ({
    ongoing: t.exposeBoolean('ongoing', { description: 'True while the restore is running.' }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Until when the restored copy can be read (set once the restore finished).',
      resolve: (s) => s.expiresAt ?? null,
    }),
  }),
});

/** `type ExpirationInfo { expiresAt ruleId }`. */
export const ExpirationInfoRef = builder.objectRef<ExpirationState>('ExpirationInfo').implement({
  description: 'When a lifecycle rule will delete the object.',
  fields: (t) => ({
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.expiresAt ?? null }),
    ruleId: t.string({ nullable: true, resolve: (s) => s.ruleId ?? null }),
  }),
});
