// `calico.*` settings: pulled per resource, re-read when the client says they changed.
import { DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { safeNotification } from '../safeHandler';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.onInitialized(() => {
    if (ctx.client.dynamicConfiguration) {
      void ctx.connection.client.register(DidChangeConfigurationNotification.type, { section: 'calico' });
    }
    // Global settings drive the label sources; refresh them once the client has answered.
    void ctx.settings.get(undefined).then(() => {
      ctx.globalSettingsRead = true;
      ctx.labels?.settingsChanged();
      if (ctx.clusterWanted) ctx.labels?.ensureClusterRequested();
    });
  });

  ctx.connection.onDidChangeConfiguration(
    safeNotification('configuration change', ctx.log, (params) => {
      const section = (params?.settings as { calico?: unknown } | undefined)?.calico;
      ctx.settings.invalidate(section);
      void ctx.settings.get(undefined).then(() => ctx.labels?.settingsChanged());
      ctx.revalidateAll();
    }),
  );
}
