import fc from 'fast-check';
import { daemonSetEntityName, daemonSetEntityRef } from './entityName';

/** Backstage's KubernetesValidatorFunctions.isValidObjectName, the entity name rule. */
const isValidEntityName = (value: string) =>
  value.length >= 1 &&
  value.length <= 63 &&
  /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(value);

const label = fc
  .stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/)
  .filter(s => s.length <= 63);
const clusterName = fc.oneof(
  label,
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.constantFrom('Prod', 'prod', 'eu.prod', 'my cluster', '-'),
);

describe('daemonSetEntityName', () => {
  it('is name.namespace.cluster when that is short and the cluster a DNS label', () => {
    expect(
      daemonSetEntityName({
        cluster: 'local',
        namespace: 'monitoring',
        name: 'node-exporter',
      }),
    ).toBe('node-exporter.monitoring.local');
    expect(
      daemonSetEntityRef({ cluster: 'local', namespace: 'ns', name: 'a' }),
    ).toBe('component:default/a.ns.local');
  });

  it('keeps apart names whose dashed forms clash', () => {
    const a = daemonSetEntityName({
      cluster: 'c',
      namespace: 'b-x',
      name: 'a',
    });
    const b = daemonSetEntityName({
      cluster: 'c',
      namespace: 'x',
      name: 'a-b',
    });
    const joinedA = ['a', 'b-x', 'c'].join('-');
    const joinedB = ['a-b', 'x', 'c'].join('-');
    expect(joinedA).toBe(joinedB);
    expect(a).not.toBe(b);
  });

  it('keeps apart the same DaemonSet in two clusters and two namespaces', () => {
    const names = new Set(
      ['eu', 'us'].flatMap(cluster =>
        ['ns1', 'ns2'].map(namespace =>
          daemonSetEntityName({ cluster, namespace, name: 'agent' }),
        ),
      ),
    );
    expect(names.size).toBe(4);
  });

  it('keeps apart clusters that differ only in case or in characters an entity name cannot hold', () => {
    const of = (cluster: string) =>
      daemonSetEntityName({
        cluster,
        namespace: 'ns',
        name: 'agent',
      }).toLowerCase();
    expect(
      new Set([of('prod'), of('Prod'), of('PROD'), of('pro d'), of('pro-d')])
        .size,
    ).toBe(5);
  });

  it('hashes long triples to at most 63 characters, keeping a readable prefix', () => {
    const long = 'x'.repeat(63);
    const a = daemonSetEntityName({
      cluster: 'local',
      namespace: long,
      name: long,
    });
    const b = daemonSetEntityName({
      cluster: 'local2',
      namespace: long,
      name: long,
    });
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a.startsWith('xxxx')).toBe(true);
    expect(a).not.toBe(b);
  });

  it('always gives a valid entity name, the same for the same triple, distinct for distinct triples', () => {
    fc.assert(
      fc.property(
        fc.tuple(clusterName, label, label),
        fc.tuple(clusterName, label, label),
        ([c1, n1, d1], [c2, n2, d2]) => {
          const a = daemonSetEntityName({
            cluster: c1,
            namespace: n1,
            name: d1,
          });
          const b = daemonSetEntityName({
            cluster: c2,
            namespace: n2,
            name: d2,
          });
          expect(isValidEntityName(a)).toBe(true);
          expect(
            daemonSetEntityName({ cluster: c1, namespace: n1, name: d1 }),
          ).toBe(a);
          const same = c1 === c2 && n1 === n2 && d1 === d2;
          expect(a.toLowerCase() === b.toLowerCase()).toBe(same);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
