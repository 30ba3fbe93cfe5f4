/**
 * One-at-a-time sections per name (here: per bucket), for the short steps that
 * change a bucket's folder structure: committing an upload, deleting, moving
 * an object into `%self` when its key becomes a folder.
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(name: string, section: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    let release = (): void => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.#tails.set(name, tail);
    await previous;
    try {
      return await section();
    } finally {
      release();
      if (this.#tails.get(name) === tail) this.#tails.delete(name);
    }
  }
}
