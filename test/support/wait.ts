/** Polls `condition` until it holds; fails naming `what` after `timeoutMs` (every wait in a test has a deadline). */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = 20_000,
  pollMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
