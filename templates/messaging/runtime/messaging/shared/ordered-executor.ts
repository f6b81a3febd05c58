/**
 * Runs tasks concurrently except those sharing a key, which run one after another in submission order:
 * events of one aggregate stay ordered while the others use the consumer's whole prefetch window.
 * Concurrency itself is bounded by the broker's prefetch (or the in-memory broker's window).
 */
export class OrderedExecutor {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  /** `task` must not reject: callers settle their message inside it. */
  submit(key: string | undefined, task: () => Promise<void>): void {
    const previous = key === undefined ? undefined : this.tails.get(key);
    const run = previous === undefined ? task() : previous.then(task);
    this.running.add(run);
    if (key !== undefined) this.tails.set(key, run);
    void run.finally(() => {
      this.running.delete(run);
      if (key !== undefined && this.tails.get(key) === run) this.tails.delete(key);
    });
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once every task submitted so far, and any submitted meanwhile, has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
