/**
 * Runs tasks concurrently except those sharing a key, which run one after another in submission order:
 * events of one aggregate stay ordered while the others use the consumer's whole prefetch window.
 * Concurrency itself is bounded by the broker's prefetch (or the in-memory broker's window).
 */
export class OrderedExecutor {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  private handingBack = false;

  /**
   * `task` must not reject: callers settle their message inside it. `handBack` is called instead of `task`
   * when the executor hands back its waiting tasks (`handBackWaiting()`) before this one started.
   */
  submit(key: string | undefined, task: () => Promise<void>, handBack: () => void = () => {}): void {
    const start = async () => (this.handingBack ? handBack() : task());
    const previous = key === undefined ? undefined : this.tails.get(key);
    const run = previous === undefined ? start() : previous.then(start);
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

  /** From now on tasks that have not started are handed back instead of run: a consumer is stopping. */
  handBackWaiting(): void {
    this.handingBack = true;
  }

  /** Resolves once every task submitted so far, and any submitted meanwhile, has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
