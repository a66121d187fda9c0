// A small LSP client for tests: starts `node dist/server.js --stdio`, speaks plain LSP to it through
// vscode-languageserver-protocol, and exposes the requests tests need. No server internals are touched.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  CodeLensRefreshRequest,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeConfigurationNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  UnregistrationRequest,
  CompletionRequest,
  CompletionResolveRequest,
  HoverRequest,
  SemanticTokensRequest,
  SemanticTokensRangeRequest,
  SemanticTokensDeltaRequest,
  CodeLensResolveRequest,
  ShowMessageNotification,
  CodeLensRequest,
  DocumentSymbolRequest,
  CodeActionRequest,
  WorkDoneProgressCreateRequest,
  type ProtocolConnection,
  type ClientCapabilities,
  type InitializeResult,
  type Diagnostic,
  type Position,
  type Range,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type SemanticTokens,
  type SemanticTokensDelta,
  type CodeLens,
  type DocumentSymbol,
  type SymbolInformation,
  type CodeAction,
  type Command,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

export const serverPath = resolve(__dirname, '../../dist/server.js');

/** Capabilities of a typical modern editor: snippets, Markdown, pull configuration, semantic tokens. */
export const fullCapabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        labelDetailsSupport: true,
        insertReplaceSupport: false,
      },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    semanticTokens: {
      requests: { full: true },
      tokenTypes: ['property', 'operator', 'string', 'function', 'keyword', 'variable'],
      tokenModifiers: [],
      formats: ['relative'],
    },
    codeLens: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
  },
};

export interface StartOptions {
  /** The `calico` settings section the client answers `workspace/configuration` with (per scopeUri, or one for all). */
  settings?: unknown | ((scopeUri: string | undefined) => unknown);
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  workspaceFolders?: WorkspaceFolder[] | null;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Collect the server's stderr here (for debugging failing tests). */
  onStderr?: (text: string) => void;
  /** Another server bundle to run (the bench compares builds); defaults to dist/server.js. */
  serverPath?: string;
}

interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  seq: number;
}

/** A running server plus a connected client. Always `await client.shutdown()` (e.g. in `after`). */
export class LspTestClient {
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Every `client/registerCapability` registration the server asked for, in order. */
  readonly registrations: { id: string; method: string; registerOptions?: unknown }[] = [];
  /** How often the server asked the editor to fetch code lenses again (`workspace/codeLens/refresh`). */
  codeLensRefreshes = 0;
  /** `window/showMessage` notifications, in order. */
  readonly shownMessages: { type: number; message: string }[] = [];
  initializeResult!: InitializeResult;
  private readonly published = new Map<string, PublishedDiagnostics>();
  private publishSeq = 0;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private exited: Promise<number | null>;
  private settings: StartOptions['settings'];

  private constructor(
    readonly connection: ProtocolConnection,
    readonly process: ChildProcess,
    settings: StartOptions['settings'],
  ) {
    this.settings = settings;
    this.exited = new Promise((done) => process.once('exit', (code) => done(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [options.serverPath ?? serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => options.onStderr?.(text));
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspTestClient(connection, child, options.settings);
    client.listen();
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities: options.capabilities ?? fullCapabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationRequests.push({ scopeUri: item.scopeUri, section: item.section });
        const s = this.settings;
        const value = typeof s === 'function' ? (s as (u: string | undefined) => unknown)(item.scopeUri) : s;
        return item.section === 'calico' || item.section === undefined ? (value ?? null) : null;
      }),
    );
    c.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.wake();
    });
    c.onNotification(ShowMessageNotification.type, (params) => {
      this.shownMessages.push(params);
      this.wake();
    });
    c.onRequest(UnregistrationRequest.type, () => undefined);
    c.onRequest(CodeLensRefreshRequest.type, () => {
      this.codeLensRefreshes++;
      this.wake();
    });
    c.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    c.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, { ...params, seq: ++this.publishSeq });
      this.wake();
    });
    c.onUnhandledNotification((message) => {
      this.notifications.push({ method: message.method, params: message.params });
      this.wake();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves once `check` returns a value other than undefined; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolvePromise, reject) => {
      const attempt = () => {
        const v = check();
        if (v === undefined) return false;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolvePromise(v);
        return true;
      };
      const waiter = () => void attempt();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(waiter);
      attempt();
    });
  }

  /** Answer later `workspace/configuration` requests with these settings and tell the server they changed. */
  async changeSettings(settings: StartOptions['settings']): Promise<void> {
    this.settings = settings;
    const value = typeof settings === 'function' ? undefined : settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { calico: value } });
  }

  async open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Sends incremental changes; returns the new version. `onSend` runs just before the change goes out. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[], onSend?: () => void): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const change of changes) {
      if ('range' in change) {
        const start = offsetAt(text, change.range.start);
        const end = offsetAt(text, change.range.end);
        text = text.slice(0, start) + change.text + text.slice(end);
      } else {
        text = change.text;
      }
    }
    this.texts.set(uri, text);
    onSend?.();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  /** Replaces `oldText` (its first occurrence) with `newText` through one incremental change. */
  async edit(uri: string, oldText: string, newText: string): Promise<number> {
    const text = this.texts.get(uri) ?? '';
    const at = text.indexOf(oldText);
    if (at < 0) throw new Error(`edit: ${JSON.stringify(oldText)} not found in ${uri}`);
    const range = { start: positionAt(text, at), end: positionAt(text, at + oldText.length) };
    return this.change(uri, [{ range, text: newText }]);
  }

  textOf(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  versionOf(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /**
   * The diagnostics published for the document's current version (or `version`). Servers that
   * publish without a version are accepted once anything newer than the last seen publish arrives.
   */
  async diagnostics(uri: string, options: { version?: number; timeoutMs?: number } = {}): Promise<Diagnostic[]> {
    const version = options.version ?? this.versions.get(uri);
    const published = await this.waitFor(
      () => {
        const p = this.published.get(uri);
        if (!p) return undefined;
        if (version !== undefined && p.version !== undefined && p.version < version) return undefined;
        return p;
      },
      `diagnostics for ${uri} version ${version}`,
      options.timeoutMs,
    );
    return published.diagnostics;
  }

  /** The last diagnostics published for `uri`, if any (does not wait). */
  lastDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.published.get(uri)?.diagnostics;
  }

  /** Forgets what was published for `uri`, so the next `diagnostics()` waits for a fresh publish. */
  forgetDiagnostics(uri: string): void {
    this.published.delete(uri);
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    if (!r) return [];
    return Array.isArray(r) ? r : (r as CompletionList).items;
  }

  async completionList(uri: string, position: Position): Promise<CompletionList | CompletionItem[] | null> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest(CompletionResolveRequest.type, item);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  semanticTokens(uri: string): Promise<SemanticTokens | null> {
    return this.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  }

  semanticTokensRange(uri: string, range: Range): Promise<SemanticTokens | null> {
    return this.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument: { uri }, range });
  }

  semanticTokensDelta(uri: string, previousResultId: string): Promise<SemanticTokens | SemanticTokensDelta | null> {
    return this.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId });
  }

  codeLenses(uri: string): Promise<CodeLens[] | null> {
    return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  }

  resolveCodeLens(lens: CodeLens): Promise<CodeLens> {
    return this.connection.sendRequest(CodeLensResolveRequest.type, lens);
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<(Command | CodeAction)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** Any request by method name (custom `calico/*` requests). */
  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Notifications received so far with this method (e.g. `calico/status`). */
  received<T = unknown>(method: string): T[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params as T);
  }

  /** Resident set size of the server process in bytes, read from /proc (Linux). */
  async serverRss(): Promise<number | undefined> {
    const { readFile } = await import('node:fs/promises');
    try {
      const status = await readFile(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Peak resident set size (VmHWM) of the server process in bytes. */
  async serverPeakRss(): Promise<number | undefined> {
    const { readFile } = await import('node:fs/promises');
    try {
      const status = await readFile(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** True while the server process is alive. */
  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** shutdown + exit, then waits for the process to end (kills it if it lingers). */
  async shutdown(): Promise<void> {
    if (!this.alive) {
      this.connection.dispose();
      return;
    }
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // fall through to kill
    }
    const code = await Promise.race([this.exited, delay(3000).then(() => 'timeout' as const)]);
    if (code === 'timeout') this.process.kill();
    this.connection.dispose();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Offset → LSP position (UTF-16 code units, like LSP's default encoding). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - lineStart };
}

export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + position.character, text.length);
}

/**
 * Takes text with one cursor marker (default `|^|`) and returns the text without it plus the
 * marker's position, so tests can write `selector: app == |^|` inline.
 */
export function withCursor(textWithMarker: string, marker = '|^|'): { text: string; position: Position; offset: number } {
  const offset = textWithMarker.indexOf(marker);
  if (offset < 0) throw new Error(`cursor marker ${marker} missing`);
  const text = textWithMarker.slice(0, offset) + textWithMarker.slice(offset + marker.length);
  return { text, position: positionAt(text, offset), offset };
}

/** The range of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${occurrence}) not found`);
  }
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
}

/** Decodes LSP relative semantic tokens into absolute `{line, char, length, type}` entries. */
export function decodeSemanticTokens(
  data: readonly number[],
  legend: { tokenTypes: string[]; tokenModifiers: string[] },
): { line: number; character: number; length: number; type: string; modifiers: string[] }[] {
  const out: { line: number; character: number; length: number; type: string; modifiers: string[] }[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 5 <= data.length; i += 5) {
    const [dl, dc, length, type, mods] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    character = dl === 0 ? character + dc : dc;
    const modifiers = legend.tokenModifiers.filter((_, bit) => (mods >> bit) & 1);
    out.push({ line, character, length, type: legend.tokenTypes[type] ?? `#${type}`, modifiers });
  }
  return out;
}

/** A unique file URI for a test document. */
let counter = 0;
export function testUri(name = 'policy.yaml'): string {
  return `file:///calico-test/${process.pid}-${++counter}/${name}`;
}
