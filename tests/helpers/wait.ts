/** Polls `probe` until it returns something other than null/undefined/false, or times out. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 5_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`eventually: condition not met within ${timeoutMs} ms${lastError ? ` (last error: ${String(lastError)})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
