/**
 * The run's pipeline parts: pages overlap (page N+1 is mapped and written while page N's last writes
 * are in flight), yet every durable step stays where a crash can recover from it:
 *
 * - a record's outcome, id map and last-synced values commit alone, after the target answered (UnitProcessor);
 * - a page's cursor is checkpointed only once that page AND every page before it have settled, in read
 *   order, so a resume restarts at the oldest page with unfinished work (done records are skipped by
 *   their outcome row, unchanged ones are recounted at their page's checkpoint);
 * - units sharing a match key (or a source id) across pages run one after the other, so a later page
 *   sees the id map an earlier page committed instead of creating the same target record twice.
 *
 * Memory is bounded by the window: reading stops while `maxPages` pages hold unfinished work.
 */

/** A FIFO of at most `limit` tasks at once, shared by every page, so older pages' units start first. */
export class Lanes {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  /** Once set, queued tasks never start (a fatal error or a stop condition). */
  halted = false;

  constructor(private readonly limit: number) {}

  /** Runs `task` when a lane is free; resolves `false` without running it when the lanes were halted first. */
  async run(task: () => Promise<void>): Promise<boolean> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    try {
      if (this.halted) return false;
      await task();
      return true;
    } finally {
      const next = this.queue.shift();
      // The lane passes straight to the next waiter (the count stays), or is released.
      if (next) next();
      else this.running--;
    }
  }

  halt(): void {
    this.halted = true;
  }
}

/** Serializes work per key: a task waits for the previous task holding any of its keys to settle. */
export class KeyOrder {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const before = keys.map((k) => this.tails.get(k)).filter((p): p is Promise<unknown> => p !== undefined);
    const result = (before.length ? Promise.allSettled(before).then(task) : task()) as Promise<T>;
    const tail = result.catch(() => undefined);
    for (const k of keys) this.tails.set(k, tail);
    // Forget settled keys so the map holds only what is in flight (memory flat with the run).
    void tail.then(() => {
      for (const k of keys) if (this.tails.get(k) === tail) this.tails.delete(k);
    });
    return result;
  }
}

/** One page's work in the window. */
export interface PageSlot {
  cursor: string | null;
  /** Unchanged records of this page (no outcome row: counted durably at its checkpoint). */
  unchanged: number;
  /** Latest change among this page's records (folded into the run at its checkpoint). */
  maxUpdatedAt: number | null;
  /** true: every unit ran; false: some were never started (halted) or one threw. */
  settled: boolean | null;
}

/**
 * The pages in flight, oldest first. `retire` is called for each page whose work is done, strictly in
 * read order; a page that did not finish stops retirement for itself and every later page.
 */
export class PageWindow {
  private readonly slots: { slot: PageSlot; done: Promise<void> }[] = [];
  private wake: (() => void) | null = null;
  private blocked = false;
  /** A checkpoint that failed (SQLite): retirement stops, the run ends with this error. */
  failure: unknown = null;

  constructor(
    private readonly maxPages: number,
    private readonly retire: (slot: PageSlot) => void,
  ) {}

  get size(): number {
    return this.slots.length;
  }

  /** Unchanged records of pages not yet checkpointed (progress shows them before they are durable). */
  pendingUnchanged(): number {
    let n = 0;
    for (const s of this.slots) n += s.slot.unchanged;
    return n;
  }

  /** Adds a page whose units `work` runs; its slot settles when they all have. */
  add(slot: PageSlot, work: Promise<boolean[]>): void {
    const done = work.then(
      (ran) => void (slot.settled = ran.every(Boolean)),
      () => void (slot.settled = false),
    );
    this.slots.push({ slot, done });
    void done.then(() => this.advance());
  }

  /** Waits until the window has room for one more page (or nothing more can be retired). */
  async room(): Promise<void> {
    while (this.slots.length >= this.maxPages && !this.blocked) await new Promise<void>((r) => (this.wake = r));
  }

  /** Waits for every page in the window to settle (retiring what can be). */
  async drain(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.done));
    this.advance();
  }

  private advance(): void {
    while (!this.blocked && this.slots.length && this.slots[0]!.slot.settled !== null) {
      const { slot } = this.slots[0]!;
      if (!slot.settled) {
        this.blocked = true;
        break;
      }
      this.slots.shift();
      try {
        this.retire(slot);
      } catch (error) {
        this.failure = error;
        this.blocked = true;
      }
    }
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
