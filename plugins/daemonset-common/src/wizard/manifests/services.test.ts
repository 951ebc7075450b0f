import { buildDaemonSetManifests } from '.';
import { withContainer } from '../testUtils';

describe('buildDaemonSetManifests: services', () => {
  it('builds one Service per entry, selecting the pods', () => {
    const input = withContainer(
      { ports: [{ name: 'http', containerPort: 8080 }] },
      {
        cluster: 'prod',
        services: [
          { name: 'agent', ports: [{ port: 80, targetPort: 'http' }] },
          {
            name: 'agent-np',
            type: 'NodePort',
            ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
          },
          {
            name: 'agent-lb',
            type: 'LoadBalancer',
            ports: [{ port: 443, targetPort: 8080 }],
          },
          { name: 'agent-headless', type: 'Headless', ports: [{ port: 8080 }] },
        ],
      },
    );
    const result = buildDaemonSetManifests(input);
    expect(result.objects.map(o => o.kind)).toEqual([
      'DaemonSet',
      'Service',
      'Service',
      'Service',
      'Service',
    ]);
    const [clusterIp, nodePort, lb, headless] = result.services;
    expect(clusterIp).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'agent',
        namespace: 'default',
        labels: result.daemonSet.metadata.labels,
        annotations: { 'daemonsets.dev/cluster': 'prod' },
      },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'agent' },
        ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    });
    expect(nodePort.spec).toEqual({
      type: 'NodePort',
      selector: { app: 'agent' },
      ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30080 }],
    });
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(lb.spec.ports[0].targetPort).toBe(8080);
    expect(headless.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: { app: 'agent' },
      ports: [{ port: 8080, targetPort: 8080, protocol: 'TCP' }],
    });
  });
});
