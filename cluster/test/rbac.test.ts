import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../src/kube.ts';
import { DEFAULT_PORTAL_NAMESPACES, portalRbacObjects } from '../src/rbac.ts';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

/** The verbs `rules` grant on a core or `group` resource. */
function verbsOn(rules: Rule[], resource: string, group = ''): Set<string> {
  return new Set(
    rules
      .filter(
        r => r.apiGroups.includes(group) && r.resources.includes(resource),
      )
      .flatMap(r => r.verbs),
  );
}

const rulesOf = (o: KubeObject) => (o as unknown as { rules: Rule[] }).rules;

function clusterRole(objects: KubeObject[]): KubeObject {
  const role = objects.find(o => o.kind === 'ClusterRole');
  assert.ok(role, 'a ClusterRole');
  return role;
}

function roleIn(objects: KubeObject[], namespace: string): KubeObject {
  const role = objects.find(
    o => o.kind === 'Role' && o.metadata.namespace === namespace,
  );
  assert.ok(role, `a Role in ${namespace}`);
  return role;
}

test('each deploy namespace gets the namespace, a Role and its RoleBinding', () => {
  const objects = portalRbacObjects(['team-a', 'team-b']);
  for (const namespace of ['team-a', 'team-b']) {
    assert.ok(
      objects.some(
        o => o.kind === 'Namespace' && o.metadata.name === namespace,
      ),
    );
    const role = roleIn(objects, namespace);
    const binding = objects.find(
      o => o.kind === 'RoleBinding' && o.metadata.namespace === namespace,
    ) as unknown as {
      roleRef: { kind: string; name: string };
      subjects: Array<{ kind: string; name: string }>;
    };
    assert.ok(binding);
    assert.equal(binding.roleRef.kind, 'Role');
    assert.equal(binding.roleRef.name, role.metadata.name);
    assert.deepEqual(
      binding.subjects.map(s => [s.kind, s.name]),
      [['User', 'daemonset-portal']],
    );
  }
});

test('the portal may list Secrets and ConfigMaps in its deploy namespaces, for the wizard pickers', () => {
  const objects = portalRbacObjects(DEFAULT_PORTAL_NAMESPACES);
  for (const namespace of DEFAULT_PORTAL_NAMESPACES) {
    const rules = rulesOf(roleIn(objects, namespace));
    assert.deepEqual([...verbsOn(rules, 'secrets')], ['list']);
    assert.deepEqual([...verbsOn(rules, 'configmaps')], ['list']);
    assert.ok(verbsOn(rules, 'daemonsets', 'apps').has('create'));
    assert.ok(verbsOn(rules, 'services').has('create'));
  }
});

test('cluster-wide the portal reads workloads and nodes but no Secrets or ConfigMaps', () => {
  const rules = rulesOf(clusterRole(portalRbacObjects(['default'])));
  assert.equal(verbsOn(rules, 'secrets').size, 0);
  assert.equal(verbsOn(rules, 'configmaps').size, 0);
  assert.deepEqual([...verbsOn(rules, 'nodes')].sort(), [
    'get',
    'list',
    'watch',
  ]);
  assert.ok(verbsOn(rules, 'daemonsets', 'apps').has('watch'));
  assert.ok(!verbsOn(rules, 'daemonsets', 'apps').has('create'));
});

test('no namespace is granted anything outside the given list', () => {
  const objects = portalRbacObjects(['only-here']);
  const namespaced = objects.filter(o => o.metadata.namespace !== undefined);
  assert.deepEqual(
    [...new Set(namespaced.map(o => o.metadata.namespace))],
    ['only-here'],
  );
});

test('the portal may read pod logs and delete pods only in its deploy namespaces', () => {
  const objects = portalRbacObjects(DEFAULT_PORTAL_NAMESPACES);
  for (const namespace of DEFAULT_PORTAL_NAMESPACES) {
    const rules = rulesOf(roleIn(objects, namespace));
    assert.deepEqual([...verbsOn(rules, 'pods/log')], ['get']);
    assert.ok(verbsOn(rules, 'pods').has('delete'));
  }
  const cluster = rulesOf(clusterRole(objects));
  assert.equal(verbsOn(cluster, 'pods/log').size, 0);
  assert.ok(!verbsOn(cluster, 'pods').has('delete'));
});
