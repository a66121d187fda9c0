// Wraps feature handlers so a bug or bad input becomes a logged error and an empty answer, and
// so a request the client cancelled ends with RequestCancelled instead of doing stale work.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export type Logger = (message: string) => void;

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export function safeRequest<P, R>(
  name: string,
  log: Logger,
  empty: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (token.isCancellationRequested) return cancelled();
    try {
      const result = await handler(params, token);
      if (token.isCancellationRequested) return cancelled();
      return result;
    } catch (error) {
      log(`${name} failed: ${describeError(error)}`);
      return empty;
    }
  };
}

export function safeNotification<P>(name: string, log: Logger, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const r = handler(params);
      if (r instanceof Promise) r.catch((error: unknown) => log(`${name} failed: ${describeError(error)}`));
    } catch (error) {
      log(`${name} failed: ${describeError(error)}`);
    }
  };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Lets queued messages (requests for other documents) run before continuing long work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
