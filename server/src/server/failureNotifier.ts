// Tells the user once when a feature fails with an internal error, and where the log is; a feature
// that fails on every keystroke shows one message, not one per request, until it works again.
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { errorMessage, LOG_HINT, type FailurePolicy } from './safeHandler';

export class FailureNotifier implements FailurePolicy {
  private readonly failing = new Set<string>();

  constructor(private readonly connection: Connection) {}

  report(name: string, error: unknown): void {
    if (this.failing.has(name)) return;
    this.failing.add(name);
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Error,
      message: `Calico: ${name} failed with an internal error (${errorMessage(error)}); ${LOG_HINT}.`,
    });
  }

  succeeded(name: string): void {
    this.failing.delete(name);
  }
}
