/**
 * A per-name async mutex for the file backend: operations on the same name run one after the
 * other, operations on different names run concurrently.
 */

/** Serialises async critical sections by name. */
export class KeyedMutex {
  /** The tail of each name's queue; removed when the queue drains. */
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Runs `section` once every earlier section on `name` has settled, and resolves or rejects
   * with its outcome. A failing section does not block the ones queued after it.
   */
  run<T>(name: string, section: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    const result = previous.then(section);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(name, tail);
    void tail.then(() => {
      if (this.#tails.get(name) === tail) this.#tails.delete(name);
    });
    return result;
  }

  /** Resolves once no section is queued or running (sections queued meanwhile included). */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}
