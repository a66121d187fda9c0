// "Calico: Show Output": reveals the language server's log.
import type { CalicoClient } from '../calicoClient';

export function showOutputCommand(calico: CalicoClient) {
  return (): void => calico.output.show(true);
}
