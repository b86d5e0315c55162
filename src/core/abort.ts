// What waits on an AbortSignal: every helper here stops at the signal's abort, and leaves no listener or
// timer behind once settled.

/** Resolves or rejects as the promise does, or rejects with the signal's reason as soon as it aborts; leaves no listener. */
export const abortable = <T>(signal: AbortSignal, promise: Promise<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    // Aborted already (a custom fetch can abort the caller's signal while it runs): the promise is
    // still handled, so that its later rejection is not reported as unhandled.
    if (signal.aborted) return (promise.catch(stop), stop());
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts; leaves no timer or listener. */
export const wait = (signal: AbortSignal | undefined, ms: number): Promise<void> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return signal ? abortable(signal, waited).finally(() => clearTimeout(timer)) : waited;
};
