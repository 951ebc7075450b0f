import type { ParsedDaemonSetInput } from '../schema';
import type { ServiceManifest } from '../types';
import { CLUSTER_ANNOTATION, objectLabels, selectorLabels } from './metadata';

/** Maps each requested service to a `v1` Service selecting the DaemonSet's pods. */
export function buildServices(input: ParsedDaemonSetInput): ServiceManifest[] {
  return (input.services ?? []).map(service => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: service.name,
      namespace: input.namespace,
      labels: objectLabels(input),
      annotations:
        input.cluster !== undefined
          ? { [CLUSTER_ANNOTATION]: input.cluster }
          : undefined,
    },
    spec: {
      // Headless is a ClusterIP Service without a virtual IP.
      type: service.type === 'Headless' ? 'ClusterIP' : service.type,
      clusterIP: service.type === 'Headless' ? 'None' : undefined,
      selector: selectorLabels(input),
      ports: service.ports.map(port => ({
        name: port.name,
        port: port.port,
        targetPort: port.targetPort ?? port.port,
        protocol: port.protocol ?? 'TCP',
        nodePort: port.nodePort,
      })),
    },
  }));
}
