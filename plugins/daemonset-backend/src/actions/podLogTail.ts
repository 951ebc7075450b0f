import type { KubeConfig } from '@kubernetes/client-node';
import { readContainerLog } from '../troubleshooting/containerLog';

/** At most this many bytes of log are read, whatever the line count. */
const LOG_BYTE_CAP = 16 * 1024;

/**
 * The last lines of one container's log, of the previous instance when `previous` is set (the
 * useful one after a restart). The lines go to the caller only, never to a log line here.
 *
 * @internal
 */
export async function readPodLogTail(options: {
  kubeConfig: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  tailLines: number;
}): Promise<string[]> {
  const text = await readContainerLog(options.kubeConfig, {
    namespace: options.namespace,
    pod: options.pod,
    container: options.container,
    previous: options.previous,
    tailLines: options.tailLines,
    limitBytes: LOG_BYTE_CAP,
  });
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-options.tailLines);
}
