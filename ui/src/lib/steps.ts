// A long report is built a screenful at a time: the first paint waits
// only for the measures at the top, and each later step is built after a
// paint, so the window answers between them. What a step builds is
// counted in fields (text areas), the part of building and layout that
// grows with the report.

/**
 * Where the next step ends: the index after the last of `sizes` (from
 * `from`) that fits in `budget` together; always at least one more while
 * any remain, however large.
 */
export function stepEnd(sizes: readonly number[], from: number, budget: number): number {
  let end = from;
  let used = 0;
  for (const size of sizes.slice(from)) {
    if (end > from && used + size > budget) break;
    used += size;
    end += 1;
  }
  return end;
}

/** What `afterEachPaint` needs of the window (a `Window`). */
export interface Frames {
  requestAnimationFrame(run: () => void): number;
  cancelAnimationFrame(id: number): void;
  setTimeout(run: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(id: ReturnType<typeof setTimeout>): void;
}

/**
 * Runs `step` after each paint (a task after the frame's animation
 * callbacks) until it returns false. Returns a function that stops it.
 */
export function afterEachPaint(step: () => boolean, w: Frames = window): () => void {
  let frame: number | undefined;
  let task: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const next = () => {
    frame = w.requestAnimationFrame(() => {
      frame = undefined;
      task = w.setTimeout(() => {
        task = undefined;
        if (!stopped && step()) next();
      }, 0);
    });
  };
  next();
  return () => {
    stopped = true;
    if (frame !== undefined) w.cancelAnimationFrame(frame);
    if (task !== undefined) w.clearTimeout(task);
  };
}
