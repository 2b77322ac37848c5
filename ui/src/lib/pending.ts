// Fields with typing not yet saved register how to save it here, so that an
// undo, a reload or a structural edit first saves what the user typed.
type Flush = () => Promise<void>;
const flushers = new Set<Flush>();

/** Registers a field's flush; returns the function that unregisters it. */
export function registerFlush(f: Flush): () => void {
  flushers.add(f);
  return () => flushers.delete(f);
}

/** Saves every field's pending text (errors stay on their fields). */
export async function flushAll(): Promise<void> {
  await Promise.allSettled([...flushers].map((f) => f()));
}
