// Trace view script: a click (or Enter) on a policy or rule link asks the extension to open its line.
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscodeApi = acquireVsCodeApi();

document.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement | null)?.closest('a.loc') as HTMLAnchorElement | null;
  if (!target) return;
  event.preventDefault();
  vscodeApi.postMessage({ type: 'open', uri: target.dataset.uri, line: Number(target.dataset.line), character: Number(target.dataset.character) });
});
