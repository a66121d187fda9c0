// Language server entry point: `node dist/server.js --stdio` (or IPC when started by the VS Code client).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './server/languageServer';

startLanguageServer(createConnection(ProposedFeatures.all));
