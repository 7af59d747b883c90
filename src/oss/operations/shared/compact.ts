/** Building result objects whose optional fields are absent rather than `undefined`. */

/** Input of {@link compact}: `T` where optional fields may also be given as `undefined`. */
export type Loose<T> = { [K in keyof T]: T[K] | undefined };

/**
 * A copy of `value` without its `undefined` entries, typed as `T` (whose optional fields are then
 * absent, as `exactOptionalPropertyTypes` wants). Required fields must not be `undefined`.
 */
export function compact<T extends object>(value: Loose<T>): T {
  const out: Record<string, unknown> = {};
  // Why keys, not entries: this runs for every parsed response; entries allocates a pair per field.
  const source = value as Record<string, unknown>;
  for (const name of Object.keys(source)) {
    const v = source[name];
    if (v !== undefined) out[name] = v;
  }
  return out as T;
}

/** `T` with its `readonly` fields writable, for building a result in place. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Sets `target[name]` to `value` unless `value` is `undefined` (then the field stays absent, as
 * `exactOptionalPropertyTypes` wants): {@link compact} without the intermediate object.
 */
export function setDefined<T extends object, K extends keyof T>(target: T, name: K, value: T[K] | undefined): void {
  if (value !== undefined) target[name] = value;
}
