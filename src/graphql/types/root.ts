/** The root types; their fields live with the types they return. */
import { builder } from '../builder.js';

builder.queryType({ description: 'Reads. A missing object is null; other failures are errors with `extensions.code`.' });
builder.mutationType({ description: 'Writes. Each returns `<Name>Success` or a typed error implementing `Error`.' });
