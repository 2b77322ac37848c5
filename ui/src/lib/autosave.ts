// Saves a field on its own: after a pause in typing, or at once when the
// field loses focus. A failed save keeps the typed text (nothing is lost)
// and reports the error; the next edit or blur tries again.

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

export interface AutosaveOptions {
  save: (text: string) => Promise<void>;
  onState: (state: SaveState, error?: unknown) => void;
  delayMs?: number;
}

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: string | undefined;
  private lastSaved: string;
  private inflight: Promise<void> | undefined;
  private readonly delayMs: number;

  constructor(
    initial: string,
    private readonly opts: AutosaveOptions,
  ) {
    this.lastSaved = initial;
    this.delayMs = opts.delayMs ?? 700;
  }

  /** The user typed: save after a pause. */
  edit(text: string): void {
    this.pending = text;
    this.opts.onState('dirty');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Save now (blur, window closing). Resolves when the text is stored or refused. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inflight) await this.inflight;
    const text = this.pending;
    if (text === undefined) return;
    this.pending = undefined;
    if (text === this.lastSaved) {
      this.opts.onState('saved');
      return;
    }
    this.opts.onState('saving');
    this.inflight = this.opts.save(text).then(
      () => {
        this.lastSaved = text;
        if (this.pending === undefined) this.opts.onState('saved');
      },
      (e: unknown) => {
        // Keep the text so that the next flush tries again.
        if (this.pending === undefined) this.pending = text;
        this.opts.onState('error', e);
      },
    );
    await this.inflight;
    this.inflight = undefined;
  }

  /** The stored text the next save is based on (the core refuses a save
   * whose base is no longer stored: nothing is overwritten unseen). */
  get base(): string {
    return this.lastSaved;
  }

  /** The view was reloaded and the field is stored as `stored`. Adopted when
   * nothing typed is pending (returns true: show it); typing that is pending
   * keeps its base, so its save is refused as a conflict and the user picks. */
  sync(stored: string): boolean {
    if (this.pending !== undefined || this.inflight !== undefined) return false;
    this.lastSaved = stored;
    return true;
  }

  /** Settles a refused save: the field holds `stored`; `mine` saves over it,
   * `null` keeps the stored text and drops the typing. */
  async resolve(stored: string, mine: string | null): Promise<void> {
    if (this.inflight) await this.inflight;
    this.lastSaved = stored;
    if (mine === null) {
      this.pending = undefined;
      this.opts.onState('saved');
      return;
    }
    this.pending = mine;
    await this.flush();
  }

  /** Text that is typed but not stored. */
  get hasUnsaved(): boolean {
    return this.pending !== undefined;
  }
}
