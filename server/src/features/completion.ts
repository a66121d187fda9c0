// Completion entry point: inside a selector string, selector completion; elsewhere, schema keys and values.
import type { CompletionItem } from 'vscode-languageserver/node';
import type { ParsedFile } from '../document';
import type { LabelIndex } from '../labels/labelIndex';
import type { ClientFeatures } from './clientFeatures';
import { selectorAt } from './selectorContext';
import { selectorCompletions } from './completionSelector';
import { yamlCompletions } from './completionYaml';

export interface CompletionInput {
  file: ParsedFile;
  offset: number;
  client: ClientFeatures;
  labels?: LabelIndex;
  tierNames: () => string[];
  /** `calico.edition`; under `oss` the Calico Enterprise/Cloud fields are not offered. */
  edition?: 'auto' | 'oss' | 'enterprise';
}

export function completion(input: CompletionInput): CompletionItem[] {
  const at = selectorAt(input.file, input.offset);
  if (at) return selectorCompletions({ file: input.file, at, client: input.client, labels: input.labels });
  return yamlCompletions(input);
}
