// Prepares each policy's explanation facts and lens titles while the server is idle, so the first code
// lens, hover or symbol request on a big file does not pay for every policy at once.
import { resourcesOf, type ParsedDocument, type ParsedFile } from '../document';
import { isExplainable, policyFacts } from '../explain';
import { declaredTiers } from '../model/tierCatalog';
import { prepareLensTitles } from '../features/codeLens';
import { describeError, yieldToEventLoop, type Logger } from './safeHandler';

/** Wait this long after diagnostics before starting, so typing is never slowed by the warm-up. */
const START_DELAY_MS = 100;
/** Work at most this long between yields. */
const SLICE_MS = 4;

/** Documents already prepared; the parser reuses a document object only while its text is unchanged. */
const prepared = new WeakSet<ParsedDocument>();

/** Starts preparing the file's policies in the background; stops as soon as `isStale` says a newer version exists. */
export function warmExplanationsLater(file: ParsedFile, isStale: () => boolean, log: Logger): void {
  const run = () => warmExplanations(file, isStale, log).catch((error: unknown) => log(`explanation warm-up failed: ${describeError(error)}`));
  setTimeout(run, START_DELAY_MS).unref?.();
}

async function warmExplanations(file: ParsedFile, isStale: () => boolean, log: Logger): Promise<void> {
  if (isStale() || file.documents.every((d) => prepared.has(d))) return;
  const tiers = declaredTiers(file);
  let sliceStart = performance.now();
  for (const doc of file.documents) {
    if (prepared.has(doc)) continue;
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      if (isStale()) return;
      sliceStart = performance.now();
    }
    prepared.add(doc);
    try {
      for (const { resource, node } of resourcesOf(doc)) if (isExplainable(resource)) prepareLensTitles(policyFacts(doc, resource, node, tiers));
    } catch (error) {
      // One policy the engine cannot explain must not stop the others; the request that needs it reports it too.
      log(`explanation warm-up failed for document ${doc.index + 1}: ${describeError(error)}`);
    }
  }
}
