// What every handler module shares: the connection, open documents and their models, settings, the client's
// features, label data, diagnostics and tiers. A feature is one module under handlers/ exporting
// `register(ctx: ServerContext)`, listed once in handlers/index.ts.
import type {
  CancellationToken,
  ClientCapabilities,
  Connection,
  ResponseError,
  ServerCapabilities,
} from 'vscode-languageserver/node';
import { documentAt, isCalicoDocument, type ParsedFile } from '../document';
import { tierNames } from '../model/tierCatalog';
import type { LabelService } from '../labels';
import { readClientFeatures, type ClientFeatures } from './capabilities';
import { DocumentStore, type DocumentModel } from './documentStore';
import { DiagnosticsService } from './diagnostics';
import { FailureNotifier } from './failureNotifier';
import { safeRequest, type Logger } from './safeHandler';
import { SettingsCache } from './settingsCache';
import { KnownTiers } from '../validation/knownTiers';
import type { ValidationOptions } from '../validation';

export interface RequestOptions {
  /** Answer a failure with an error response the caller shows (commands), instead of an empty answer plus a message. */
  replyWithError?: boolean;
  /** With `replyWithError`, still show the user a message (for requests the editor sends on its own). */
  notify?: boolean;
}

export class ServerContext {
  /** Errors and warnings (shown in the client's Calico output). */
  readonly log: Logger;
  /** Informational messages. */
  readonly info: Logger;
  readonly documents = new DocumentStore();
  readonly diagnostics = new DiagnosticsService();
  /** Tiers that exist (built-in, workspace and open files; the cluster's under the source `cluster`), for POL-TIER-EXISTS. */
  readonly knownTiers = new KnownTiers(() => this.revalidateAll());
  /** Features the client declared in `initialize` (defaults until then). */
  client: ClientFeatures = readClientFeatures(undefined);
  /** The raw capabilities, for the few checks that need more than `client`. */
  clientCapabilities: ClientCapabilities = {};
  settings: SettingsCache;
  /** Created when the client is initialized. */
  labels: LabelService | undefined;
  /** Workspace trust as the client reported it at start (the label service tracks later grants). */
  trusted = true;
  workspaceFolders: string[] = [];
  /** Set once the user's global settings were read (the default kubeconfig must not be read before). */
  globalSettingsRead = false;
  /** A completion or hover inside a Calico document asked for cluster data. */
  clusterWanted = false;

  private readonly capabilityParts: ((client: ClientFeatures) => ServerCapabilities)[] = [];
  private readonly initializedHooks: (() => void)[] = [];
  private readonly shutdownHooks: (() => void)[] = [];
  private readonly modelHooks: ((model: DocumentModel) => void)[] = [];
  private readonly failures: FailureNotifier;
  private revalidate: () => void = () => undefined;

  constructor(readonly connection: Connection) {
    this.log = (message) => connection.console.error(message);
    this.info = (message) => connection.console.log(message);
    this.settings = new SettingsCache(undefined, this.log);
    this.failures = new FailureNotifier(connection);
  }

  /** Adds to the `initialize` answer's capabilities (merged in registration order). */
  advertise(part: (client: ClientFeatures) => ServerCapabilities): void {
    this.capabilityParts.push(part);
  }

  capabilities(): ServerCapabilities {
    const out: ServerCapabilities = {};
    for (const part of this.capabilityParts) Object.assign(out, part(this.client));
    return out;
  }

  /** Runs after the client's `initialized` notification (registrations, label sources). */
  onInitialized(hook: () => void): void {
    this.initializedHooks.push(hook);
  }

  onShutdown(hook: () => void): void {
    this.shutdownHooks.push(hook);
  }

  /** Runs for each new document version the diagnostics see (e.g. to feed the document's labels). */
  onModelChanged(hook: (model: DocumentModel) => void): void {
    this.modelHooks.push(hook);
  }

  modelChanged(model: DocumentModel): void {
    for (const hook of this.modelHooks) hook(model);
  }

  runInitialized(): void {
    for (const hook of this.initializedHooks) hook();
  }

  runShutdown(): void {
    for (const hook of this.shutdownHooks) hook();
  }

  /**
   * A request handler that logs failures with their stack and tells the user (once, until it works again)
   * that something went wrong and where the log is; cancelled and outdated requests end as LSP says.
   */
  request<P, R>(
    name: string,
    empty: R,
    handler: (params: P, token: CancellationToken) => R | Promise<R>,
    options: RequestOptions = {},
  ): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
    const report = options.replyWithError && !options.notify ? undefined : (n: string, e: unknown) => this.failures.report(n, e);
    const injected = process.env.CALICO_TEST_FAIL_REQUEST;
    const run: typeof handler =
      injected === name
        ? () => {
            throw new Error(`injected failure (CALICO_TEST_FAIL_REQUEST=${name})`);
          }
        : handler;
    return safeRequest(name, this.log, empty, run, {
      report,
      succeeded: (n) => this.failures.succeeded(n),
      replyWithError: options.replyWithError,
    });
  }

  /** The current model of a document, or undefined when it is not open. */
  model(uri: string): DocumentModel | undefined {
    return this.documents.model(uri);
  }

  /** The model and offset for a request, or undefined when the document is unknown. */
  modelAt(uri: string, position: { line: number; character: number }): { model: DocumentModel; offset: number } | undefined {
    const model = this.documents.model(uri);
    if (!model) return undefined;
    return { model, offset: model.file.lines.offsetAt(position) };
  }

  /** Tier names from the built-in tiers and every open document. */
  tierNames(): string[] {
    const files: ParsedFile[] = [];
    for (const doc of this.documents.all()) {
      const model = this.documents.model(doc.uri);
      if (model) files.push(model.file);
    }
    return tierNames(files);
  }

  /** What validating a document depends on besides its text: its resource's settings and the known tiers. */
  async validationOptions(uri: string): Promise<ValidationOptions> {
    const { calicoVersion, edition } = await this.settings.get(uri);
    return { calicoVersion, edition, knownTiers: this.knownTiers.names() };
  }

  /** First completion/hover inside a Calico document: now is the time to contact the cluster. */
  touchCluster(file: ParsedFile, offset: number): void {
    const doc = documentAt(file, offset);
    if (!this.labels || !doc || !isCalicoDocument(doc)) return;
    this.clusterWanted = true;
    // Until the user's calico.kubeconfig/context are known, the default kubeconfig must not be read.
    if (this.globalSettingsRead) this.labels.ensureClusterRequested();
  }

  /** Set by the diagnostics module: re-checks every open document (settings or label data changed). */
  setRevalidate(revalidate: () => void): void {
    this.revalidate = revalidate;
  }

  revalidateAll(): void {
    this.revalidate();
  }
}
