import fc from 'fast-check';
import { Input, validInput, RUNS } from './__testUtils__/arbitraries';
import { buildDaemonSetManifests } from './manifests';
import { DaemonSetInputError } from './problems';
import { validateDaemonSetInput } from './validate';

type Mutation = (input: Input) => string;

/** Each mutation breaks one rule of a valid input and returns the path it broke. */
const mutations: Record<string, Mutation> = {
  'bad name': input => {
    input.name = 'Not_A_Label';
    return 'name';
  },
  'negative container port': input => {
    input.containers[0].ports = [{ containerPort: -80 }];
    return 'containers[0].ports[0].containerPort';
  },
  'dangling mount': input => {
    const mounts = (input.containers[0].volumeMounts ??= []);
    mounts.push({ name: 'not-declared', mountPath: '/dangling' });
    return `containers[0].volumeMounts[${mounts.length - 1}].name`;
  },
  'request above limit': input => {
    input.containers[0].resources = {
      requests: { memory: '2Gi' },
      limits: { memory: '1Gi' },
    };
    return 'containers[0].resources.requests.memory';
  },
  'malformed quantity': input => {
    input.containers[0].resources = { limits: { cpu: '1 core' } };
    return 'containers[0].resources.limits.cpu';
  },
  'app label override': input => {
    input.labels = { ...input.labels, app: 'other' };
    return 'labels.app';
  },
  'duplicate env': input => {
    input.containers[0].env = [
      { name: 'DUP', value: '1' },
      { name: 'DUP', value: '2' },
    ];
    return 'containers[0].env[1].name';
  },
  'toleration value with Exists': input => {
    input.scheduling = {
      ...input.scheduling,
      tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }],
    };
    return 'scheduling.tolerations[0].value';
  },
  'replace DNS without nameservers': input => {
    input.dns = { policy: 'replace' };
    return 'dns.nameservers';
  },
  'nodePort on a ClusterIP service': input => {
    input.services = [
      {
        name: 'plain',
        type: 'ClusterIP',
        ports: [{ port: 80, nodePort: 30500 }],
      },
    ];
    return 'services[0].ports[0].nodePort';
  },
  'missing named target port': input => {
    input.services = [
      { name: 'named', ports: [{ port: 80, targetPort: 'nowhere' }] },
    ];
    return 'services[0].ports[0].targetPort';
  },
  'both rolling parameters zero': input => {
    input.updateStrategy = { maxUnavailable: 0, maxSurge: 0 };
    return 'updateStrategy.maxUnavailable';
  },
  'protected namespace': input => {
    input.namespace = 'kube-system';
    return 'namespace';
  },
  'relative log path': input => {
    input.containers[0].logPaths = ['logs'];
    return 'containers[0].logPaths[0]';
  },
};

describe('properties of invalid inputs', () => {
  it('a broken rule is reported at the broken field, and build throws', () => {
    fc.assert(
      fc.property(
        validInput,
        fc.constantFrom(...Object.keys(mutations)),
        (valid, mutation) => {
          const input = JSON.parse(JSON.stringify(valid)) as Input;
          const path = mutations[mutation](input);
          const problems = validateDaemonSetInput(input);
          expect(problems.map(p => p.path)).toContain(path);
          expect(() => buildDaemonSetManifests(input)).toThrow(
            DaemonSetInputError,
          );
        },
      ),
      RUNS,
    );
  });
});
