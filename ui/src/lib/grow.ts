// Text areas sized to their text. Reading an area's scrollHeight lays the
// page out again when anything changed since the last read; the report
// mounts every field at once, and sizing each in turn (reset, read, set)
// laid the whole page out once a field. Areas asked for in the same task
// are sized together: every height reset, then every height read (one
// layout), then every height set, before the next paint.

/** What sizing needs of a text area (an `HTMLTextAreaElement`). */
export interface Growable {
  readonly style: { height: string };
  readonly scrollHeight: number;
  readonly isConnected: boolean;
}

const pending = new Set<Growable>();
let queued = false;

/** Sizes `area` to its text, with the other areas asked for in this task. */
export function grow(area: Growable): void {
  pending.add(area);
  if (queued) return;
  queued = true;
  queueMicrotask(growPending);
}

function growPending(): void {
  queued = false;
  const areas = [...pending].filter((a) => a.isConnected);
  pending.clear();
  for (const a of areas) a.style.height = 'auto';
  const heights = areas.map((a) => a.scrollHeight);
  areas.forEach((a, i) => (a.style.height = `${heights[i]}px`));
}
