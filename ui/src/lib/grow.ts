// Text areas sized to their text. Reading an area's scrollHeight lays the
// page out again when anything changed since the last read; the report
// mounts every field at once, and sizing each in turn (reset, read, set)
// laid the whole page out once a field. Areas asked for before the next
// microtask (those Svelte mounts or updates in one flush) are sized
// together: every height reset, then every height read (one layout), then
// every height set, before the next paint.

/** What sizing needs of a text area (an `HTMLTextAreaElement`). */
export interface Growable {
  readonly style: { height: string };
  readonly scrollHeight: number;
  readonly isConnected: boolean;
}

/** Areas to size in the microtask already queued (none queued when empty). */
const pending = new Set<Growable>();

/** Sizes `area` to its text, with the other areas asked for before the next microtask. */
export function grow(area: Growable): void {
  if (pending.size === 0) queueMicrotask(growPending);
  pending.add(area);
}

function growPending(): void {
  const areas = [...pending].filter((a) => a.isConnected);
  pending.clear();
  // With every area one line high the page is shorter for a moment, and
  // the layout may pull the scroll position up: it is put back.
  const page = globalThis.document?.scrollingElement;
  const top = page?.scrollTop;
  for (const a of areas) a.style.height = 'auto';
  const heights = areas.map((a) => a.scrollHeight);
  areas.forEach((a, i) => (a.style.height = `${heights[i]}px`));
  if (page && top !== undefined && page.scrollTop !== top) page.scrollTop = top;
}
