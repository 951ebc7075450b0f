import type { ApprovalPolicy } from '../policy';
import fc from 'fast-check';
import { RUNS, validInput } from '../__testUtils__/arbitraries';
import { buildDaemonSetManifests } from '../manifests';
import { validateDaemonSetInput } from '../validate';
import { daemonSetInputFromManifests } from './fromManifest';

/** Every rule allowed, so the round trip is not about the policy. */
const policy = {
  privileged: 'allow',
  hostNetwork: 'allow',
  hostPath: { decision: 'allow', allowedPathPrefixes: [] },
  protectedNamespaces: { decision: 'allow', namespaces: [] },
  allowedRegistries: { decision: 'allow', registries: [] },
} as ApprovalPolicy;

describe('daemonSetInputFromManifests', () => {
  it('maps generated manifests back to an input that generates the same manifests', () => {
    fc.assert(
      fc.property(validInput, input => {
        const first = buildDaemonSetManifests(input, policy);
        const back = daemonSetInputFromManifests(
          first.daemonSet,
          first.services,
        );
        expect(back.problems).toEqual([]);
        expect(back.keptFields).toEqual([]);
        expect(validateDaemonSetInput(back.input, policy)).toEqual([]);
        const second = buildDaemonSetManifests(back.input, policy);
        expect(second.objects).toEqual(first.objects);
        expect(second.yaml).toBe(first.yaml);
      }),
      RUNS,
    );
  });

  it('splits the tag off the image so the wizard can change it', () => {
    const built = buildDaemonSetManifests({
      name: 'agent',
      containers: [{ name: 'agent', image: 'ghcr.io/acme/agent', tag: '1.2' }],
    });
    const { input } = daemonSetInputFromManifests(built.daemonSet);
    expect(input.containers[0]).toMatchObject({
      image: 'ghcr.io/acme/agent',
      tag: '1.2',
    });
  });

  it('reads the ownership annotations back, leaving out the derived entity name', () => {
    const built = buildDaemonSetManifests({
      name: 'agent',
      namespace: 'ops',
      cluster: 'local',
      owner: 'group:default/platform',
      system: 'observability',
      description: 'Ships logs',
      containers: [{ name: 'agent', image: 'nginx' }],
    });
    const { input, keptFields } = daemonSetInputFromManifests(built.daemonSet);
    expect(input).toMatchObject({
      cluster: 'local',
      owner: 'group:default/platform',
      system: 'observability',
      description: 'Ships logs',
    });
    expect(input.annotations).toBeUndefined();
    expect(keptFields).toEqual([]);
  });
});
