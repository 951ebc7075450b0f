import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  daemonSetRequestApprovePermission,
  daemonSetRequestReadPermission,
} from '@daemonsets/plugin-daemonset-common';
import { Server } from 'node:http';
import request from 'supertest';
import { stringify } from 'yaml';
import {
  createDaemonSetApprovalConditionalDecision,
  daemonSetApprovalConditions,
} from '../approvals/permissionRules';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/** The PostgreSQL TestDatabases id whose connection string scripts/lib/postgres.sh exported. */
export function postgresTestId(): TestDatabaseId | undefined {
  return POSTGRES_IDS.find(
    id =>
      process.env[
        `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
      ],
  );
}

/**
 * Why the PostgreSQL store tests cannot run here, or undefined when they can. With CI set a
 * missing PostgreSQL throws: a failure, never a silent skip (as `clusterSkipReason`).
 */
export function postgresSkipReason(): string | undefined {
  if (postgresTestId()) return undefined;
  const reason =
    'no PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is not set (run ensure_postgres from scripts/lib/postgres.sh)';
  if (process.env.CI) {
    throw new Error(
      `${reason} (CI is set, so a missing PostgreSQL is a failure, not a skip)`,
    );
  }
  return reason;
}

/**
 * A test file's suite on PostgreSQL, decided when the file loads: skipped, with the reason in
 * its title, when none runs here (under CI that throws, see {@link postgresSkipReason}).
 * `database()` opens a fresh database on it, from inside the suite.
 */
export function postgresSuite(title: string) {
  const reason = postgresSkipReason();
  const databases = TestDatabases.create({
    ids: reason ? [] : [postgresTestId()!],
    disableDocker: true,
  });
  return {
    describe: reason ? describe.skip : describe,
    title: `${title}${reason ? ` (skipped: ${reason})` : ''}`,
    database: () => databases.init(postgresTestId()!),
  };
}

/**
 * Reads approval request `id` as `user` until it leaves `approved`/`applying` (the apply runs in
 * the background); bounded by the test's timeout.
 */
export async function settledRequest(server: Server, id: string, user: string) {
  for (;;) {
    const response = await request(server)
      .get(`/api/daemonset/approvals/${id}`)
      .set('Authorization', mockCredentials.user.header(user));
    if (!['approved', 'applying'].includes(response.body.state))
      return response.body;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** The database ids of the store tests: SQLite always, PostgreSQL when it runs. */
export function storeTestIds(): TestDatabaseId[] {
  const pg = postgresTestId();
  return pg ? ['SQLITE_3', pg] : ['SQLITE_3'];
}

/** A DaemonSet manifest (with a Service) as YAML. */
export function daemonSetManifest(
  options: {
    namespace?: string;
    name?: string;
    privileged?: boolean;
    hostNetwork?: boolean;
    image?: string;
  } = {},
): string {
  const namespace = options.namespace ?? 'apps';
  const name = options.name ?? 'agent';
  const labels = { app: name };
  const daemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          ...(options.hostNetwork && { hostNetwork: true }),
          containers: [
            {
              name: 'agent',
              image: options.image ?? 'registry.k8s.io/pause:3.9',
              ...(options.privileged && {
                securityContext: { privileged: true },
              }),
            },
          ],
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector: labels, ports: [{ port: 9100 }] },
  };
  return `${stringify(daemonSet)}---\n${stringify(service)}`;
}

/** A notification service that keeps what it was asked to send. */
export function capturingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const service = {
    send: async (options: NotificationSendOptions) => void sent.push(options),
  };
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => service,
  });
  return { sent, service, factory };
}

/**
 * The permission policy of the local portal in small: `approvers` read and approve everything;
 * everyone else reads their own requests (conditional `isRequester`) and approves none.
 */
export function approverPermissions(approvers: string[]): PermissionsService {
  const decide = (
    permission: unknown,
    credentials: BackstageCredentials,
  ): PolicyDecision => {
    const user = (credentials.principal as BackstageUserPrincipal)
      .userEntityRef;
    const approver = approvers.includes(user);
    if (isPermission(permission as any, daemonSetRequestReadPermission)) {
      return approver
        ? { result: AuthorizeResult.ALLOW }
        : createDaemonSetApprovalConditionalDecision(
            daemonSetRequestReadPermission,
            daemonSetApprovalConditions.isRequester(),
          );
    }
    if (isPermission(permission as any, daemonSetRequestApprovePermission)) {
      return {
        result: approver ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  };
  return {
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const d = decide(r.permission, credentials);
        return {
          result:
            d.result === AuthorizeResult.ALLOW
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials)) as any,
  };
}

/** {@link approverPermissions} as the plugin's permissions service. */
export function approverPermissionsFactory(approvers: string[]) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => approverPermissions(approvers),
  });
}
