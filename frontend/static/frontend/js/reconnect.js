/* The online event can come before the connection carries anything (the worker may not see it
yet, a radio is still waking): what found no connection is tried again shortly, a few times. */

const TRIES = 3;
const PAUSE_MS = 3000;

/* `attempt()` resolves to true when it still found no connection. */
export function tryAfterReconnecting(attempt, triesLeft = TRIES) {
  return attempt().then((noConnection) => {
    if (noConnection && triesLeft > 1 && navigator.onLine !== false) {
      window.setTimeout(() => tryAfterReconnecting(attempt, triesLeft - 1), PAUSE_MS);
    }
  });
}
