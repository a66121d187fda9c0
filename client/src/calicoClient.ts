// The one owner of the client's state: the language client, the status bar item and the output channel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import {
  ClusterScheme,
  StatusNotification,
  WorkspaceTrustNotification,
  type CalicoInitializationOptions,
  type StatusParams,
  type WorkspaceTrustParams,
} from '../../protocol';
import { ExplainDocuments, explainScheme } from './explainDocuments';
import { startingView, statusView, type StatusView } from './statusView';
import { reportVisibleRanges } from './visibleRanges';

/** Documents the server handles: YAML on disk and in unsaved editors (the server decides which are Calico). */
export const documentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
  // Read-only cluster objects (Calico Policies view) get every language feature too.
  { language: 'yaml', scheme: ClusterScheme },
];

export class CalicoClient implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly statusBar: vscode.StatusBarItem;
  readonly explainDocuments = new ExplainDocuments();
  /** Resolves once the server has initialized (rejects if it could not start). */
  readonly ready: Promise<void>;
  private languageClient: LanguageClient | undefined;
  private lastStatus: StatusParams | undefined;
  private view: StatusView = startingView;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Calico', { log: true });
    this.statusBar = vscode.window.createStatusBarItem('calico.status', vscode.StatusBarAlignment.Right, 100);
    this.statusBar.name = 'Calico';
    this.render(startingView);
    this.statusBar.show();
    this.disposables.push(
      this.output,
      this.statusBar,
      this.explainDocuments,
      vscode.workspace.registerTextDocumentContentProvider(explainScheme, this.explainDocuments),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.sendTrust()),
    );
    // The language client library is large: load and start it just after activation returns.
    this.ready = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.startClient(context));
    this.ready.catch((error: unknown) => {
      this.output.error(`Calico language server failed to start: ${String(error)}`);
      this.render({ ...startingView, text: '$(error) Calico: server failed', tooltip: String(error), isError: true });
    });
  }

  /** The started language client; only valid after `ready` resolved. */
  get client(): LanguageClient {
    if (!this.languageClient) throw new Error('Calico language server is not running');
    return this.languageClient;
  }

  private async startClient(context: vscode.ExtensionContext): Promise<void> {
    const { LanguageClient, TransportKind } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      // stdio: the server then writes its replies itself and re-uses the bytes of unchanged answer parts.
      run: { module: serverModule, transport: TransportKind.stdio },
      debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const initializationOptions: CalicoInitializationOptions = { trusted: vscode.workspace.isTrusted };
    const clientOptions: LanguageClientOptions = {
      documentSelector,
      outputChannel: this.output,
      initializationOptions,
      synchronize: { configurationSection: 'calico' },
    };
    // Client id "calico" makes the library read `calico.trace.server`.
    const client = new LanguageClient('calico', 'Calico', serverOptions, clientOptions);
    this.languageClient = client;
    this.disposables.push(client.onNotification(StatusNotification, (params: StatusParams) => this.onStatus(params)));
    await client.start();
    this.disposables.push(reportVisibleRanges(client));
  }

  /** The last status the server sent, if any. */
  get status(): StatusParams | undefined {
    return this.lastStatus;
  }

  /** What the status bar currently shows. */
  get statusBarView(): StatusView {
    return this.view;
  }

  private onStatus(params: StatusParams): void {
    this.lastStatus = params;
    this.render(statusView(params));
  }

  private render(view: StatusView): void {
    this.view = view;
    this.statusBar.text = view.text;
    this.statusBar.tooltip = view.tooltip;
    this.statusBar.command = view.command;
    this.statusBar.backgroundColor = view.isError ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private async sendTrust(): Promise<void> {
    const params: WorkspaceTrustParams = { trusted: true };
    await this.ready;
    await this.client.sendNotification(WorkspaceTrustNotification, params);
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables.splice(0)) d.dispose();
    if (this.languageClient?.needsStop()) await this.languageClient.stop();
  }
}
