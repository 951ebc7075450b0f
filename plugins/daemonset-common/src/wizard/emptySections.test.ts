import { buildDaemonSetManifests } from './manifests';
import {
  allowEmptyOptionalSections,
  pruneEmptySections,
} from './emptySections';
import { daemonSetInputJsonSchema } from './schema';
import { baseInput } from './testUtils';
import { validateDaemonSetInput } from './validate';

/** What the browser form sent for the required fields alone (issue: every section rendered). */
const formWithUntouchedSections = {
  name: 'agent',
  cluster: 'local',
  namespace: 'default',
  containers: [
    {
      name: 'agent',
      image: 'ghcr.io/acme/agent',
      tag: '1.0',
      command: [],
      args: [],
      lifecycle: {
        postStart: { exec: { command: [] } },
        preStop: { exec: { command: [] } },
      },
      livenessProbe: { httpGet: {}, tcpSocket: {}, exec: { command: [] } },
      readinessProbe: { httpGet: {}, tcpSocket: {}, exec: { command: [] } },
      env: [],
      ports: [],
      volumeMounts: [],
      logPaths: [],
    },
  ],
  volumes: [],
  imagePullSecrets: [],
  services: [],
  scheduling: {
    nodeSelector: {},
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [] }],
      },
    },
    tolerations: [],
  },
  labels: {},
  networkAttachments: [],
  dns: { nameservers: [], searches: [] },
  metrics: null,
};

describe('pruneEmptySections', () => {
  it('makes a form with untouched sections valid, building what the required fields alone build', () => {
    expect(validateDaemonSetInput(formWithUntouchedSections)).toEqual([]);
    const required = {
      name: 'agent',
      cluster: 'local',
      namespace: 'default',
      containers: [{ name: 'agent', image: 'ghcr.io/acme/agent', tag: '1.0' }],
    };
    expect(buildDaemonSetManifests(formWithUntouchedSections).yaml).toEqual(
      buildDaemonSetManifests(required).yaml,
    );
  });

  it('keeps what the user filled in, so it is still checked strictly', () => {
    const input = {
      ...baseInput(),
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/agent',
          livenessProbe: { httpGet: { path: 'no-slash', port: 8080 } },
        },
      ],
    };
    expect(pruneEmptySections(input)).toEqual(input);
    expect(validateDaemonSetInput(input)).toEqual([
      expect.objectContaining({
        path: 'containers[0].livenessProbe.httpGet.path',
      }),
    ]);
  });

  it('keeps false, zero, empty strings and emptyDir: {}', () => {
    const input = {
      name: 'agent',
      hostNetwork: false,
      minReadySeconds: 0,
      description: '',
      volumes: [{ name: 'scratch', emptyDir: {} }],
      containers: [{ name: 'agent', image: 'ghcr.io/acme/agent' }],
    };
    expect(pruneEmptySections(input)).toEqual(input);
  });

  it('drops blank items of a list and leaves the input untouched', () => {
    const input = { name: 'x', containers: [{}, { name: 'a', env: [{}] }] };
    const copy = JSON.parse(JSON.stringify(input));
    expect(pruneEmptySections(input)).toEqual({
      name: 'x',
      containers: [{ name: 'a' }],
    });
    expect(input).toEqual(copy);
  });

  it('treats a lifecycle handler with nothing set as no handler', () => {
    expect(
      validateDaemonSetInput(
        baseInput({
          containers: [
            { name: 'a', image: 'ghcr.io/acme/a', lifecycle: { preStop: {} } },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('returns non-objects as they are and an all-empty object as {}', () => {
    expect(pruneEmptySections('x')).toBe('x');
    expect(pruneEmptySections(null)).toBe(null);
    expect(pruneEmptySections({ a: [], b: {} })).toEqual({});
  });
});

describe('allowEmptyOptionalSections', () => {
  const schema = allowEmptyOptionalSections(daemonSetInputJsonSchema);
  const containers = (schema.properties as any).containers;

  it('lets optional sections be empty but keeps required ones strict', () => {
    expect(containers.anyOf).toBeUndefined();
    expect(containers.minItems).toBe(1);
    const lifecycle = containers.items.properties.lifecycle;
    expect(lifecycle.anyOf[1]).toEqual({
      $ref: '#/definitions/daemonSetEmptySection',
    });
    expect((schema.definitions as any).daemonSetEmptySection).toBeDefined();
  });

  it('leaves scalar properties as they were', () => {
    const original = (daemonSetInputJsonSchema.properties as any).name;
    expect((schema.properties as any).name).toEqual(original);
  });
});
