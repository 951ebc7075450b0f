import { expect, test } from '@playwright/test';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { deleteObject, getObject, putCoreObject } from './localCluster';
import { signInAsGuest } from './signIn';
import {
  addItem,
  choose,
  chooseAlternative,
  chooseOwner,
  field,
  next,
  openDaemonSetWizard,
  pick,
  switchOn,
  waitForRollout,
  waitForTaskCompleted,
} from './wizard';

const NAMESPACE = 'default';

test('full walk: every section switched on and filled; the applied manifests equal what the generator makes of the same input', async ({
  page,
}) => {
  test.setTimeout(480_000);
  page.setDefaultTimeout(30_000);
  const name = `wizard-full-${Date.now().toString(36)}`;
  const secret = `${name}-secret`;
  const configMap = `${name}-config`;
  await putCoreObject(NAMESPACE, 'secrets', {
    metadata: { name: secret },
    stringData: { token: 'never-shown-in-the-browser' },
  });
  await putCoreObject(NAMESPACE, 'configmaps', {
    metadata: { name: configMap },
    data: { level: 'debug' },
  });
  // What the user enters below, as the generator's input: the independent oracle.
  const input = {
    name,
    cluster: 'local',
    namespace: NAMESPACE,
    description: 'Every section of the wizard',
    timezoneSync: true,
    serverlessBursting: false,
    hostNetwork: false,
    containers: [
      {
        name: 'agent',
        image: 'ghcr.io/acme/agent',
        tag: '2.0',
        imagePullPolicy: 'IfNotPresent',
        privileged: false,
        resources: {
          requests: { cpu: 0.1, memory: '128Mi' },
          limits: { cpu: 0.5, memory: '256Mi' },
        },
        command: ['/agent'],
        args: ['--verbose'],
        lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
        livenessProbe: {
          httpGet: { path: '/healthz', port: 8080 },
          periodSeconds: 10,
        },
        readinessProbe: { tcpSocket: { port: 8080 } },
        env: [
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'API_TOKEN', secretKeyRef: { name: secret, key: 'token' } },
        ],
        ports: [{ name: 'http', containerPort: 8080 }],
        volumeMounts: [{ name: 'logs', mountPath: '/var/log/agent' }],
      },
      {
        name: 'sidecar',
        image: 'ghcr.io/acme/sidecar',
        tag: '1.0',
        privileged: false,
        resources: { requests: { cpu: 0.25, memory: '512Mi' } },
        livenessProbe: { exec: { command: ['true'] } },
        env: [
          {
            name: 'LEVEL',
            configMapKeyRef: { name: configMap, key: 'level' },
          },
        ],
      },
    ],
    volumes: [{ name: 'logs', hostPath: { path: '/var/log/agent' } }],
    services: [
      {
        name: `${name}-svc`,
        type: 'ClusterIP',
        ports: [{ port: 80, targetPort: 8080 }],
      },
    ],
    scheduling: {
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
    },
    dns: { policy: 'append', searches: ['svc.example.com'], ndots: 2 },
    metrics: { port: 8080, path: '/metrics' },
  };
  const expected = buildDaemonSetManifests(input);
  expect(expected.approvalRequired).toBe(false);

  try {
    await signInAsGuest(page);
    await openDaemonSetWizard(page);
    await field(page, 'name').fill(name);
    await chooseOwner(page, 'platform-team');
    await field(page, 'description').fill(input.description);
    await field(page, 'timezoneSync').check();
    await next(page);

    // Container 1: every optional section.
    const c0 = 'containers_0';
    await field(page, `${c0}_name`).fill('agent');
    await field(page, `${c0}_image`).fill('ghcr.io/acme/agent');
    await field(page, `${c0}_tag`).fill('2.0');
    await choose(page, `${c0}_imagePullPolicy`, 'IfNotPresent');
    await field(page, `${c0}_resources_requests_cpu`).fill('0.1');
    await field(page, `${c0}_resources_requests_memory`).fill('128Mi');
    await switchOn(page, 'Limits');
    await field(page, `${c0}_resources_limits_cpu`).fill('0.5');
    await field(page, `${c0}_resources_limits_memory`).fill('256Mi');
    await switchOn(page, 'Start command');
    await field(page, `${c0}_command_0`).fill('/agent');
    await switchOn(page, 'Start arguments');
    await field(page, `${c0}_args_0`).fill('--verbose');
    await switchOn(page, 'Lifecycle hooks');
    await addItem(page, 'Pre-stop command');
    await field(page, `${c0}_lifecycle_preStop_exec_command_0`).fill('sleep');
    await addItem(page, 'Pre-stop command');
    await field(page, `${c0}_lifecycle_preStop_exec_command_1`).fill('5');
    await switchOn(page, 'Liveness check');
    await field(page, `${c0}_livenessProbe_periodSeconds`).fill('10');
    await field(page, `${c0}_livenessProbe_httpGet_path`).fill('/healthz');
    await field(page, `${c0}_livenessProbe_httpGet_port`).fill('8080');
    await switchOn(page, 'Readiness check');
    await chooseAlternative(page, 'HTTP request', 'TCP port', 1);
    await field(page, `${c0}_readinessProbe_tcpSocket_port`).fill('8080');
    await switchOn(page, 'Environment variables');
    await field(page, `${c0}_env_0_name`).fill('LOG_LEVEL');
    await field(page, `${c0}_env_0_value`).fill('info');
    await addItem(page, 'Environment variables');
    await field(page, `${c0}_env_1_name`).fill('API_TOKEN');
    await chooseAlternative(page, 'Value', 'Secret key', 1);
    await pick(page, `${c0}_env_1_secretKeyRef-name`, secret);
    await pick(page, `${c0}_env_1_secretKeyRef-key`, 'token');
    await switchOn(page, 'Container ports');
    await field(page, `${c0}_ports_0_name`).fill('http');
    await field(page, `${c0}_ports_0_containerPort`).fill('8080');
    await switchOn(page, 'Volume mounts');
    await field(page, `${c0}_volumeMounts_0_name`).fill('logs');
    await field(page, `${c0}_volumeMounts_0_mountPath`).fill('/var/log/agent');

    // Container 2: a command check and a variable from a ConfigMap.
    await addItem(page, 'Containers');
    const c1 = 'containers_1';
    await field(page, `${c1}_name`).fill('sidecar');
    await field(page, `${c1}_image`).fill('ghcr.io/acme/sidecar');
    await field(page, `${c1}_tag`).fill('1.0');
    await switchOn(page, 'Liveness check', 1);
    await chooseAlternative(page, 'HTTP request', 'Command', 1);
    await field(page, `${c1}_livenessProbe_exec_command_0`).fill('true');
    await switchOn(page, 'Environment variables', 1);
    await field(page, `${c1}_env_0_name`).fill('LEVEL');
    await chooseAlternative(page, 'Value', 'ConfigMap key', 1);
    await pick(page, `${c1}_env_0_configMapKeyRef-name`, configMap);
    await pick(page, `${c1}_env_0_configMapKeyRef-key`, 'level');

    await switchOn(page, 'Data storage (volumes)');
    await field(page, 'volumes_0_name').fill('logs');
    await chooseAlternative(page, 'Scratch space', 'Node path (local disk)');
    await field(page, 'volumes_0_hostPath_path').fill('/var/log/agent');
    await next(page);

    await switchOn(page, 'Services');
    await field(page, 'services_0_name').fill(`${name}-svc`);
    await field(page, 'services_0_ports_0_port').fill('80');
    await field(page, 'services_0_ports_0_targetPort').fill('8080');
    await next(page);

    await switchOn(page, 'Scheduling policy');
    await addItem(page, 'Tolerations');
    await field(page, 'scheduling_tolerations_0_key').fill('nvidia.com/gpu');
    await choose(page, 'scheduling_tolerations_0_operator', 'Exists');
    await next(page);

    await switchOn(page, 'DNS');
    await choose(page, 'dns_policy', 'append');
    await addItem(page, 'Search domains');
    await field(page, 'dns_searches_0').fill('svc.example.com');
    await field(page, 'dns_ndots').fill('2');
    await switchOn(page, 'Custom metrics');
    await field(page, 'metrics_port').fill('8080');
    await field(page, 'metrics_path').fill('/metrics');
    await next(page);

    const yaml = page.getByTestId('daemonset-review-yaml');
    await expect(yaml).toContainText('kind: Service');
    await expect(yaml).not.toContainText('never-shown-in-the-browser');
    await next(page);
    await page.getByRole('button', { name: 'Create' }).click();
    await waitForTaskCompleted(page);

    const applied = await waitForRollout(NAMESPACE, name);
    expect(applied.spec).toMatchObject(expected.daemonSet.spec as object);
    expect(applied.metadata.labels).toEqual(expected.daemonSet.metadata.labels);
    const service = await getObject(
      `/api/v1/namespaces/${NAMESPACE}/services/${name}-svc`,
    );
    expect(service.spec).toMatchObject(expected.services[0].spec as object);
  } finally {
    await deleteObject(
      `/apis/apps/v1/namespaces/${NAMESPACE}/daemonsets/${name}`,
    );
    await deleteObject(`/api/v1/namespaces/${NAMESPACE}/services/${name}-svc`);
    await deleteObject(`/api/v1/namespaces/${NAMESPACE}/secrets/${secret}`);
    await deleteObject(
      `/api/v1/namespaces/${NAMESPACE}/configmaps/${configMap}`,
    );
  }
});
