// Wires the language server: document sync, per-version models, debounced diagnostics, settings,
// label sources, and every feature, each behind a handler that turns failures into empty answers.
import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type CompletionItem,
  type Hover,
  type SemanticTokens,
  type CodeLens,
  type CodeAction,
  type DocumentSymbol,
} from 'vscode-languageserver/node';
import { isMap, isScalar } from 'yaml';
import { documentAt, type ParsedFile } from '../document';
import { LabelService, registerLabelHandlers } from '../labels';
import { LabelDiagnosticsCache } from './labelDiagnostics';
import {
  ExplainPolicyRequest,
  StatusNotification,
  type CalicoInitializationOptions,
  type ExplainPolicyParams,
  type ExplainPolicyResult,
  type StatusParams,
} from '../../../protocol';
import { readClientFeatures, type ClientFeatures } from './capabilities';
import { SettingsCache } from './settingsCache';
import { DocumentStore, hasPolicyDocuments, isCalicoDocument, type DocumentModel } from './documentStore';
import { DiagnosticScheduler } from './diagnosticScheduler';
import { DiagnosticsComputer, toLspDiagnostic } from './diagnostics';
import { safeNotification, safeRequest } from './safeHandler';
import { validateForServer, type CalicoDiagnostic } from './validator';
import { completion } from '../features/completion';
import { hover } from '../features/hover';
import { selectorSemanticTokens, semanticTokensLegend } from '../features/semanticTokens';
import { codeLenses } from '../features/codeLens';
import { trafficLenses } from '../features/trafficLens';
import { warmExplanationsLater } from './explainWarmup';
import { builtinTiers } from '../schema/builtinTiers';
import { explainPolicy } from '../features/explain';
import { documentSymbols } from '../features/documentSymbols';
import { codeActions } from '../features/codeActions';

/** Keystrokes closer together than this are coalesced into one validation (see DiagnosticScheduler). */
const DIAGNOSTICS_DELAY_MS = envNumber('CALICO_DIAGNOSTICS_DELAY_MS') ?? 15;


/** Kinds that carry no labelled objects a selector could match. */
const LABEL_FREE_KINDS = new Set([
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'StagedNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
  'Tier',
]);

function envNumber(name: string): number | undefined {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function startLanguageServer(connection: Connection): void {
  const log = (message: string) => connection.console.error(message);
  const info = (message: string) => connection.console.log(message);
  const store = new DocumentStore();
  const computer = new DiagnosticsComputer<CalicoDiagnostic>(validateForServer);
  const labelWarnings = new LabelDiagnosticsCache();
  /** The diagnostics computed for each document version, for code actions. */
  const published = new Map<string, { version: number; diagnostics: CalicoDiagnostic[] }>();
  let client: ClientFeatures = readClientFeatures(undefined);
  let settings = new SettingsCache(undefined, log);
  let labels: LabelService | undefined;
  let globalSettingsRead = false;
  let clusterWanted = false;
  let trusted = true;
  let workspaceFolders: string[] = [];

  const scheduler = new DiagnosticScheduler(DIAGNOSTICS_DELAY_MS, async (uri, run) => {
    const model = await store.modelInSlices(uri, run.isStale);
    if (!model || run.isStale()) return;
    feedLabels(model);
    const { calicoVersion, codeLens } = await settings.get(uri);
    if (run.isStale()) return;
    if (!hasPolicyDocuments(model.file)) {
      // Not a policy file: we publish nothing, only clear what we published before.
      if (published.has(uri)) {
        published.delete(uri);
        await connection.sendDiagnostics({ uri, version: model.version, diagnostics: [] });
      }
      return;
    }
    const found = await computer.compute(model.file, calicoVersion, run.isStale);
    if (!found || run.isStale() || store.get(uri)?.version !== model.version) return;
    const all = [...found, ...labelDiagnostics(model.file)];
    published.set(uri, { version: model.version, diagnostics: all });
    await connection.sendDiagnostics({ uri, version: model.version, diagnostics: all.map((d) => toLspDiagnostic((o) => model.document.positionAt(o), d)) });
    // With the diagnostics out, prepare the lens titles while the editor is idle, so the first lens request is cheap.
    if (codeLens.enabled) warmExplanationsLater(model.file, run.isStale);
  }, log);

  /** Open documents that may describe labelled objects feed the workspace label index; pure policy files do not. */
  const fedToLabels = new Map<string, number>();
  function feedLabels(model: DocumentModel): void {
    if (!labels || fedToLabels.get(model.uri) === model.version) return;
    // The kind test comes first: reading `d.yaml` makes a moved document shift all its node ranges.
    const contributes = model.file.documents.some((d) => !(d.resource && LABEL_FREE_KINDS.has(d.resource.kind)) && d.yaml.contents !== null);
    if (contributes) {
      fedToLabels.set(model.uri, model.version);
      labels.updateOpenDocument(model.uri, model.file.text);
    } else if (fedToLabels.delete(model.uri)) labels.closeOpenDocument(model.uri);
  }

  function labelDiagnostics(file: ParsedFile): CalicoDiagnostic[] {
    if (!labels) return [];
    try {
      return labelWarnings.compute(file, labels);
    } catch (error) {
      log(`unknown-label check failed: ${String(error)}`);
      return [];
    }
  }

  /** The Calico diagnostics of a model's version, computed now if the debounced run has not caught up. */
  function diagnosticsFor(model: DocumentModel, calicoVersion: string): CalicoDiagnostic[] {
    const hit = published.get(model.uri);
    if (hit && hit.version === model.version) return hit.diagnostics;
    return [...computer.computeNow(model.file, calicoVersion), ...labelDiagnostics(model.file)];
  }

  function revalidateAll(): void {
    for (const doc of store.all()) scheduler.schedule(doc.uri);
  }

  /** Tier names: the built-in tiers plus Tier resources and `spec.tier` values in open documents. */
  function tierNames(): string[] {
    const names = new Set(Object.keys(builtinTiers));
    for (const doc of store.all()) {
      const model = store.model(doc.uri);
      for (const d of model?.file.documents ?? []) {
        const root = d.yaml.contents;
        if (!d.resource || !isMap(root)) continue;
        if (d.resource.kind === 'Tier' && d.resource.name) names.add(d.resource.name);
        const spec = root.get('spec', true);
        const tier = isMap(spec) ? spec.get('tier', true) : undefined;
        if (isScalar(tier) && typeof tier.value === 'string' && tier.value) names.add(tier.value);
      }
    }
    return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  }

  /** The model and offset for a request, or undefined when the document is unknown. */
  function modelAt(uri: string, position: { line: number; character: number }): { model: DocumentModel; offset: number } | undefined {
    const model = store.model(uri);
    if (!model) return undefined;
    return { model, offset: model.file.lines.offsetAt(position) };
  }

  /** First completion/hover inside a Calico document: now is the time to contact the cluster. */
  function touchCluster(file: ParsedFile, offset: number): void {
    const doc = documentAt(file, offset);
    if (!labels || !doc || !isCalicoDocument(doc)) return;
    clusterWanted = true;
    // Until the user's calico.kubeconfig/context are known, the default kubeconfig must not be read.
    if (globalSettingsRead) labels.ensureClusterRequested();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client = readClientFeatures(params.capabilities);
    const options = (params.initializationOptions ?? {}) as CalicoInitializationOptions;
    trusted = typeof options.trusted === 'boolean' ? options.trusted : true;
    settings = new SettingsCache(
      client.configuration
        ? { fetch: (scopeUri) => connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: 'calico' } : { section: 'calico' }) }
        : undefined,
      log,
    );
    workspaceFolders = folderPaths(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [' ', '"', "'", '(', '{', ',', '=', '&', '|', '!'] },
        hoverProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: true },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'Calico' },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        workspace: client.workspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
      },
      serverInfo: { name: 'calico-policy' },
    };
  });

  connection.onInitialized(() => {
    if (client.dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'calico' });
    }
    if (client.dynamicFileWatching) {
      // Manifests edited outside the editor change the workspace labels.
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
    }
    labels = new LabelService({
      getSettings: () => settings.current(),
      trusted,
      onStatus: (status: StatusParams) => {
        void connection.sendNotification(StatusNotification, status);
        // New label data can add or clear "unknown label" warnings.
        revalidateAll();
      },
      log: info,
    });
    registerLabelHandlers(connection, labels);
    labels.setWorkspaceFolders(workspaceFolders);
    for (const doc of store.all()) {
      const model = store.model(doc.uri);
      if (model) feedLabels(model);
    }
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        safeNotification('workspace folders', log, (event) => {
          const removed = new Set(folderPaths(event.removed.map((f) => f.uri)));
          workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...folderPaths(event.added.map((f) => f.uri))];
          labels?.setWorkspaceFolders(workspaceFolders);
        }),
      );
    }
    // Global settings drive the label sources; refresh them once the client has answered.
    void settings.get(undefined).then(() => {
      globalSettingsRead = true;
      labels?.settingsChanged();
      if (clusterWanted) labels?.ensureClusterRequested();
    });
  });

  connection.onDidChangeConfiguration(
    safeNotification('configuration change', log, (params) => {
      const section = (params?.settings as { calico?: unknown } | undefined)?.calico;
      settings.invalidate(section);
      void settings.get(undefined).then(() => labels?.settingsChanged());
      revalidateAll();
    }),
  );

  store.documents.onDidChangeContent((event) => {
    const doc = event.document;
    scheduler.schedule(doc.uri);
  });
  store.documents.onDidClose((event) => {
    const uri = event.document.uri;
    scheduler.cancel(uri);
    store.forget(uri);
    settings.forget(uri);
    if (fedToLabels.delete(uri)) labels?.closeOpenDocument(uri);
    if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onCompletion(
    safeRequest('completion', log, [] as CompletionItem[], (params) => {
      const at = modelAt(params.textDocument.uri, params.position);
      if (!at) return [];
      touchCluster(at.model.file, at.offset);
      return completion({ file: at.model.file, offset: at.offset, client, labels, tierNames });
    }),
  );

  connection.onHover(
    safeRequest('hover', log, null as Hover | null, (params) => {
      const at = modelAt(params.textDocument.uri, params.position);
      if (!at) return null;
      touchCluster(at.model.file, at.offset);
      return hover({ file: at.model.file, offset: at.offset, client, labels });
    }),
  );

  connection.languages.semanticTokens.on(
    safeRequest('semantic tokens', log, { data: [] } as SemanticTokens, (params) => {
      const model = store.model(params.textDocument.uri);
      return model ? selectorSemanticTokens(model.file) : { data: [] };
    }),
  );
  connection.languages.semanticTokens.onRange(
    safeRequest('semantic tokens (range)', log, { data: [] } as SemanticTokens, (params) => {
      const model = store.model(params.textDocument.uri);
      if (!model) return { data: [] };
      const lines = model.file.lines;
      return selectorSemanticTokens(model.file, lines.offsetAt(params.range.start), lines.offsetAt(params.range.end));
    }),
  );

  connection.onCodeLens(
    safeRequest('code lens', log, [] as CodeLens[], async (params) => {
      // Settings first: a model must not be held across an await (the next version re-uses its parts).
      const s = await settings.get(params.textDocument.uri);
      if (!s.codeLens.enabled) return [];
      const model = store.model(params.textDocument.uri);
      if (!model) return [];
      const traffic = trafficLenses(model.file, model.uri);
      return hasPolicyDocuments(model.file) ? [...codeLenses(model.file, { labels, uri: model.uri }), ...traffic] : traffic;
    }),
  );

  connection.onRequest(
    ExplainPolicyRequest,
    safeRequest('explain policy', log, { markdown: '', title: '' } as ExplainPolicyResult, (params: ExplainPolicyParams) => {
      const model = store.model(params?.uri);
      if (!model) return { markdown: '', title: '' };
      const offset = params.position ? model.file.lines.offsetAt(params.position) : undefined;
      return explainPolicy(model.file, offset);
    }),
  );

  connection.onShutdown(() => {
    scheduler.dispose();
    labels?.dispose();
  });

  connection.onDocumentSymbol(
    safeRequest('document symbols', log, [] as DocumentSymbol[], (params) => {
      const model = store.model(params.textDocument.uri);
      return model && hasPolicyDocuments(model.file) ? documentSymbols(model.file) : [];
    }),
  );

  connection.onCodeAction(
    safeRequest('code actions', log, [] as CodeAction[], async (params) => {
      const { calicoVersion } = await settings.get(params.textDocument.uri);
      const model = store.model(params.textDocument.uri);
      if (!model || !hasPolicyDocuments(model.file)) return [];
      return codeActions(model.file, model.uri, params.range, diagnosticsFor(model, calicoVersion));
    }),
  );

  store.documents.listen(connection);
  connection.listen();
}

function folderPaths(uris: string[]): string[] {
  const out: string[] = [];
  for (const uri of uris) {
    try {
      if (uri.startsWith('file:')) out.push(fileURLToPath(uri));
    } catch {
      // not a local folder
    }
  }
  return out;
}
