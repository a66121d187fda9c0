// Language server entry point: `node dist/server.js --stdio` (how the VS Code client and other editors start
// it), or `--node-ipc` / `--socket=N` / `--pipe=NAME`.
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection, type DataCallback } from 'vscode-languageserver/node';
import { startLanguageServer } from './server/languageServer';
import { stableRepliesEncoder } from './server/stableReplies';

/** Over stdio the server writes its own replies, re-using the encoded bytes of unchanged answer parts. */
function stdioConnection(): Connection {
  // stdout carries the protocol: anything a library prints goes to stderr instead.
  console.log = console.info = console.warn = console.debug = console.error;
  const reader = new StreamMessageReader(process.stdin);
  let shutdownReceived = false;
  const listen = reader.listen.bind(reader);
  reader.listen = (callback: DataCallback) =>
    listen((message) => {
      if ((message as { method?: string }).method === 'shutdown') shutdownReceived = true;
      callback(message);
    });
  // The editor went away without `exit`: end like the library does for its own stdio connection.
  const ended = () => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', ended);
  process.stdin.on('close', ended);
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: stableRepliesEncoder }));
}

startLanguageServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
