import { buildDaemonSetManifests } from '.';
import { baseInput } from '../testUtils';
import type { DaemonSetManifest } from '../types';

function daemonSetOf(input: unknown): DaemonSetManifest {
  return buildDaemonSetManifests(input).daemonSet;
}

describe('buildDaemonSetManifests: pod annotations', () => {
  it('maps network attachments, comma-joined', () => {
    const ds = daemonSetOf(
      baseInput({ networkAttachments: ['macvlan-conf', 'infra/sriov@eth1'] }),
    );
    expect(ds.spec.template.metadata.annotations).toEqual({
      'k8s.v1.cni.cncf.io/networks': 'macvlan-conf,infra/sriov@eth1',
    });
  });

  it('maps metrics to Prometheus scrape annotations with defaults', () => {
    expect(
      daemonSetOf(baseInput({ metrics: { port: 9100 } })).spec.template.metadata
        .annotations,
    ).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9100',
      'prometheus.io/path': '/metrics',
      'prometheus.io/scheme': 'http',
    });
    expect(
      daemonSetOf(
        baseInput({ metrics: { port: 8443, path: '/stats', scheme: 'https' } }),
      ).spec.template.metadata.annotations,
    ).toMatchObject({
      'prometheus.io/path': '/stats',
      'prometheus.io/scheme': 'https',
    });
  });

  it('maps instrumentation to the OpenTelemetry inject annotation', () => {
    const annotations = (input: unknown) =>
      daemonSetOf(input).spec.template.metadata.annotations;
    expect(
      annotations(baseInput({ instrumentation: { language: 'java' } })),
    ).toEqual({
      'instrumentation.opentelemetry.io/inject-java': 'true',
    });
    expect(
      annotations(
        baseInput({
          instrumentation: {
            language: 'python',
            instrumentation: 'otel/default',
            containerNames: ['agent'],
          },
        }),
      ),
    ).toEqual({
      'instrumentation.opentelemetry.io/inject-python': 'otel/default',
      'instrumentation.opentelemetry.io/container-names': 'agent',
    });
    expect(
      annotations(
        baseInput({
          instrumentation: { language: 'go', goTargetExecutable: '/bin/agent' },
        }),
      ),
    ).toEqual({
      'instrumentation.opentelemetry.io/inject-go': 'true',
      'instrumentation.opentelemetry.io/otel-go-auto-target-exe': '/bin/agent',
    });
  });

  it('puts generated annotations first and user annotations after, sorted', () => {
    const ds = daemonSetOf(
      baseInput({
        metrics: { port: 9100 },
        annotations: { 'z.io/a': '1', 'a.io/b': '2' },
      }),
    );
    expect(Object.keys(ds.spec.template.metadata.annotations!)).toEqual([
      'prometheus.io/scrape',
      'prometheus.io/port',
      'prometheus.io/path',
      'prometheus.io/scheme',
      'a.io/b',
      'z.io/a',
    ]);
  });
});
