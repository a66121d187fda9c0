// Wraps feature handlers so a bug or bad input is logged with its stack and reported to the user (never
// passed off as an empty answer), and so a request the client cancelled, or whose document changed
// meanwhile, ends with RequestCancelled / ContentModified instead of doing stale work.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export type Logger = (message: string) => void;

/** Where the server's log is shown in VS Code (the client's `calico.showOutput` command). */
export const LOG_HINT = 'see Calico: Show Output for the log';

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** Thrown by long work that notices its document changed; the wrapper answers ContentModified. */
export class ContentModifiedError extends Error {
  constructor() {
    super('the document changed while the request ran');
  }
}

export interface FailurePolicy {
  /** Called once per failure (after logging); e.g. shows the user a message. */
  report?(name: string, error: unknown): void;
  /** Called after a successful answer (so a later failure is reported again). */
  succeeded?(name: string): void;
  /** Answer with an error response (for commands whose caller shows it) instead of `empty`. */
  replyWithError?: boolean;
}

export function safeRequest<P, R>(
  name: string,
  log: Logger,
  empty: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
  failure: FailurePolicy = {},
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (token.isCancellationRequested) return cancelled();
    try {
      const result = await handler(params, token);
      if (token.isCancellationRequested) return cancelled();
      failure.succeeded?.(name);
      return result;
    } catch (error) {
      if (error instanceof ContentModifiedError) return new ResponseError(LSPErrorCodes.ContentModified, error.message);
      if (error instanceof ResponseError) return error as ResponseError<void>;
      log(`${name} failed: ${describeError(error)}`);
      failure.report?.(name, error);
      if (failure.replyWithError) return new ResponseError(ErrorCodes.InternalError, `${capitalize(name)} failed: ${errorMessage(error)} (${LOG_HINT})`);
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

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Lets queued messages (requests for other documents) run before continuing long work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
