import {
  entitySchemaValidator,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import type { V1DaemonSet } from '@kubernetes/client-node';
import { daemonSetEntity } from './daemonSetEntity';
import { labelPredicate } from './providerOptions';

const validate = entitySchemaValidator();
const options = { lifecycle: 'production', include: undefined };

function generated(extra: object = {}): V1DaemonSet {
  return buildDaemonSetManifests({
    name: 'node-exporter',
    namespace: 'monitoring',
    cluster: 'prod-eu',
    owner: 'group:default/platform-team',
    containers: [{ name: 'c', image: 'example.com/c', tag: '1' }],
    ...extra,
  }).daemonSet as V1DaemonSet;
}

describe('daemonSetEntity', () => {
  it('maps a generated DaemonSet to a valid Component the tab can read', () => {
    const { entity } = daemonSetEntity(
      generated({ description: 'Metrics', system: 'observability' }),
      { name: 'prod-eu', title: 'Production EU' },
      options,
    );
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'node-exporter.monitoring.prod-eu',
        namespace: 'default',
        title: 'node-exporter (monitoring on Production EU)',
        description: 'Metrics',
        annotations: {
          'backstage.io/managed-by-location': 'daemonset:prod-eu',
          'backstage.io/managed-by-origin-location': 'daemonset:prod-eu',
          'backstage.io/kubernetes-id': 'node-exporter',
          'backstage.io/kubernetes-namespace': 'monitoring',
          'backstage.io/kubernetes-cluster': 'prod-eu',
        },
        tags: ['daemonset'],
      },
      spec: {
        type: 'daemonset',
        lifecycle: 'production',
        owner: 'group:default/platform-team',
        system: 'observability',
      },
    });
    expect(() => validate(entity)).not.toThrow();
  });

  it('names the entity after the cluster it was read from, not the planned one', () => {
    const { entity } = daemonSetEntity(
      generated(),
      { name: 'prod-us' },
      options,
    );
    expect(entity?.metadata.name).toBe('node-exporter.monitoring.prod-us');
    expect(
      KubernetesValidatorFunctions.isValidObjectName(entity?.metadata.name),
    ).toBe(true);
  });

  it('leaves out a DaemonSet without an owner, saying why', () => {
    const ds = generated({ owner: undefined });
    expect(daemonSetEntity(ds, { name: 'c' }, options)).toEqual({
      skipped: 'it has no daemonsets.dev/owner annotation',
    });
  });

  it('leaves out a DaemonSet whose owner annotation is not an entity reference', () => {
    const ds = generated();
    ds.metadata!.annotations!['daemonsets.dev/owner'] = 'a:b:c/d/e';
    expect(daemonSetEntity(ds, { name: 'c' }, options).skipped).toContain(
      'is not an entity reference',
    );
  });

  describe('include filter', () => {
    const include = {
      clusters: ['c'],
      namespaces: ['monitoring'],
      labels: labelPredicate('tier in (node),!legacy', 'f'),
      defaultOwner: 'group:default/ops',
    };
    const plain = (labels: Record<string, string>, namespace = 'monitoring') =>
      ({
        metadata: { name: 'kube-proxy', namespace, labels },
      } as V1DaemonSet);
    const map = (ds: V1DaemonSet, cluster = 'c') =>
      daemonSetEntity(ds, { name: cluster }, { lifecycle: 'x', include });

    it('takes DaemonSets it names, with the default owner and a selector of their labels', () => {
      const { entity } = map(plain({ tier: 'node', app: 'kp' }));
      expect(entity?.spec?.owner).toBe('group:default/ops');
      expect(
        entity?.metadata.annotations?.[
          'backstage.io/kubernetes-label-selector'
        ],
      ).toBe('app=kp,tier=node');
      expect(() => validate(entity)).not.toThrow();
    });

    it.each([
      ['another cluster', plain({ tier: 'node' }), 'd'],
      ['another namespace', plain({ tier: 'node' }, 'kube-system'), 'c'],
      ['labels that do not match', plain({ tier: 'app' }), 'c'],
      ['an excluded label', plain({ tier: 'node', legacy: '' }), 'c'],
    ])('leaves out a DaemonSet in %s', (_what, ds, cluster) => {
      expect(map(ds, cluster).entity).toBeUndefined();
    });
  });
});
