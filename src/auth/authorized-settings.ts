/** The API settings of one request, with the presigner behind the policy. */
import type { ApiSettings } from '../graphql/settings.js';
import type { Access } from './access.js';
import { authorizePresigner } from './authorized-presigner.js';

/** `settings` whose `presign.presigner` signs only what `access` allows. */
export function authorizeSettings(settings: ApiSettings, access: Access): ApiSettings {
  return { ...settings, presign: { ...settings.presign, presigner: authorizePresigner(settings.presign.presigner, access) } };
}
