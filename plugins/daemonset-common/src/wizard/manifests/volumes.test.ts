import { buildDaemonSetManifests } from '.';
import { baseInput, withContainer } from '../testUtils';
import type { DaemonSetManifest } from '../types';

function daemonSetOf(input: unknown): DaemonSetManifest {
  return buildDaemonSetManifests(input).daemonSet;
}
function podOf(input: unknown) {
  return daemonSetOf(input).spec.template.spec;
}

describe('buildDaemonSetManifests: volumes', () => {
  it('maps every volume source and the mounts', () => {
    const volumes = [
      {
        name: 'varlog',
        hostPath: { path: '/var/log', type: 'Directory' as const },
      },
      {
        name: 'scratch',
        emptyDir: { medium: 'Memory' as const, sizeLimit: 0.5 * 1024 ** 3 },
      },
      {
        name: 'config',
        configMap: {
          name: 'agent-config',
          items: [{ key: 'a', path: 'a.yaml' }],
        },
      },
      {
        name: 'certs',
        secret: { secretName: 'agent-certs', defaultMode: 0o400 },
      },
      {
        name: 'state',
        persistentVolumeClaim: { claimName: 'agent-state', readOnly: true },
      },
    ];
    const input = withContainer(
      {
        volumeMounts: [
          { name: 'varlog', mountPath: '/host/var/log', readOnly: true },
          { name: 'config', mountPath: '/etc/agent', subPath: 'conf' },
        ],
      },
      { volumes },
    );
    const pod = podOf(input);
    expect(pod.volumes).toEqual([
      volumes[0],
      { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '512Mi' } },
      volumes[2],
      volumes[3],
      volumes[4],
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'varlog', mountPath: '/host/var/log', readOnly: true },
      { name: 'config', mountPath: '/etc/agent', subPath: 'conf' },
    ]);
  });

  it('maps imagePullSecrets', () => {
    expect(
      podOf(baseInput({ imagePullSecrets: ['regcred'] })).imagePullSecrets,
    ).toEqual([{ name: 'regcred' }]);
  });

  it('mounts /etc/localtime read-only into every container for timezoneSync', () => {
    const input = baseInput({
      timezoneSync: true,
      containers: [
        { name: 'a', image: 'nginx' },
        { name: 'b', image: 'busybox' },
      ],
    });
    const pod = podOf(input);
    expect(pod.volumes).toEqual([
      {
        name: 'host-localtime',
        hostPath: { path: '/etc/localtime', type: 'File' },
      },
    ]);
    for (const container of pod.containers) {
      expect(container.volumeMounts).toEqual([
        { name: 'host-localtime', mountPath: '/etc/localtime', readOnly: true },
      ]);
    }
  });

  it('gives each log path an emptyDir mounted there and lists them in an annotation', () => {
    const input = baseInput({
      containers: [
        {
          name: 'a',
          image: 'nginx',
          logPaths: ['/var/log/nginx', '/tmp/logs'],
        },
        { name: 'b', image: 'busybox', logPaths: ['/logs'] },
      ],
    });
    const ds = daemonSetOf(input);
    const pod = ds.spec.template.spec;
    expect(pod.volumes).toEqual([
      { name: 'log-path-0', emptyDir: {} },
      { name: 'log-path-1', emptyDir: {} },
      { name: 'log-path-2', emptyDir: {} },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'log-path-0', mountPath: '/var/log/nginx' },
      { name: 'log-path-1', mountPath: '/tmp/logs' },
    ]);
    expect(pod.containers[1].volumeMounts).toEqual([
      { name: 'log-path-2', mountPath: '/logs' },
    ]);
    expect(
      JSON.parse(
        ds.spec.template.metadata.annotations!['daemonsets.dev/log-paths'],
      ),
    ).toEqual([
      { container: 'a', path: '/var/log/nginx', volume: 'log-path-0' },
      { container: 'a', path: '/tmp/logs', volume: 'log-path-1' },
      { container: 'b', path: '/logs', volume: 'log-path-2' },
    ]);
  });
});
