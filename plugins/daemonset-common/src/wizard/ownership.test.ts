import { buildDaemonSetManifests } from './manifests';
import { daemonSetEntityName } from './entityName';
import { baseInput } from './testUtils';
import { validateDaemonSetInput } from './validate';

describe('ownership metadata', () => {
  it('writes owner, entity name, system and description on the DaemonSet only', () => {
    const result = buildDaemonSetManifests(
      baseInput({
        cluster: 'local',
        namespace: 'monitoring',
        owner: 'group:default/platform-team',
        system: 'observability',
        description: 'Node agent',
      }),
    );
    expect(result.daemonSet.metadata.annotations).toEqual({
      description: 'Node agent',
      'daemonsets.dev/cluster': 'local',
      'daemonsets.dev/owner': 'group:default/platform-team',
      'daemonsets.dev/entity-name': daemonSetEntityName({
        cluster: 'local',
        namespace: 'monitoring',
        name: 'agent',
      }),
      'daemonsets.dev/system': 'observability',
    });
    expect(result.daemonSet.spec.template.metadata.annotations).toBeUndefined();
    expect(result.yaml).toContain(
      'daemonsets.dev/owner: group:default/platform-team',
    );
  });

  it('leaves out the entity name when the cluster is not known', () => {
    const result = buildDaemonSetManifests(
      baseInput({ owner: 'platform-team' }),
    );
    expect(result.daemonSet.metadata.annotations).toEqual({
      'daemonsets.dev/owner': 'platform-team',
    });
  });

  it('writes no ownership annotations without an owner', () => {
    const result = buildDaemonSetManifests(
      baseInput({ cluster: 'local', system: 'observability' }),
    );
    expect(result.daemonSet.metadata.annotations).toEqual({
      'daemonsets.dev/cluster': 'local',
    });
  });

  it.each([
    [
      'owner',
      { owner: 'group:default/' },
      'must be a catalog entity reference',
    ],
    ['owner', { owner: 'a/b/c' }, 'must be a catalog entity reference'],
    [
      'system',
      { system: 'group:default/x' },
      'must be a System entity reference',
    ],
  ])('rejects a bad %s, naming the rule', (path, overrides, message) => {
    const problems = validateDaemonSetInput(baseInput(overrides));
    expect(problems).toEqual([
      expect.objectContaining({
        path,
        message: expect.stringContaining(message),
      }),
    ]);
  });

  it.each([
    'daemonsets.dev/owner',
    'daemonsets.dev/entity-name',
    'daemonsets.dev/system',
  ])('does not let annotations set %s', key => {
    const problems = validateDaemonSetInput(
      baseInput({
        cluster: 'c',
        owner: 'team',
        system: 's',
        annotations: { [key]: 'x' },
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('is generated from'),
      }),
    ]);
  });
});
