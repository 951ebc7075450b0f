import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ApprovalPolicy,
  parseApprovalPolicy,
} from '@daemonsets/plugin-daemonset-common';
import knexFactory, { Knex } from 'knex';
import {
  approverPermissions,
  capturingNotifications,
  daemonSetManifest,
  storeTestIds,
} from '../__testUtils__/approvals';
import { ApprovalApplier } from './ApprovalApplier';
import { ApprovalService } from './ApprovalService';
import { approvalPermissionRules } from './permissionRules';

const databases = TestDatabases.create({
  ids: storeTestIds(),
  disableDocker: true,
});

const DEV = mockCredentials.user('user:default/dev');
const ALICE = mockCredentials.user('user:default/alice');
const BOB = mockCredentials.user('user:default/bob');

/** An applier that counts its applies and fails while `failing` is set. */
function countingApplier() {
  const state = { applies: 0, failing: undefined as string | undefined };
  const applier: ApprovalApplier = {
    async apply({ objects }) {
      state.applies += 1;
      // Let the other instance run meanwhile.
      await new Promise(resolve => setImmediate(resolve));
      if (state.failing) throw new Error(state.failing);
      return `${objects.length} objects applied`;
    },
    async live() {
      return [];
    },
  };
  return { state, applier };
}

async function instance(
  knex: Knex,
  applier: ApprovalApplier,
  policy: { current: ApprovalPolicy },
) {
  const notifications = capturingNotifications();
  const service = await ApprovalService.create({
    config: new ConfigReader({}),
    database: mockServices.database({ knex }),
    logger: mockServices.logger.mock(),
    auditor: mockServices.auditor.mock(),
    permissions: approverPermissions([
      'user:default/alice',
      'user:default/bob',
    ]),
    permissionsRegistry: mockServices.permissionsRegistry.mock({
      getPermissionRuleset: () =>
        ({
          getRuleByName: (name: string) =>
            Object.values(approvalPermissionRules).find(r => r.name === name),
        } as any),
    }),
    notifications: notifications.service,
    clusters: [{ name: 'local', url: 'https://127.0.0.1:1' } as any],
    applier,
    policy: () => policy.current,
  });
  return { service, sent: notifications.sent };
}

const privileged = {
  cluster: 'local',
  namespace: 'apps',
  name: 'agent',
  manifest: daemonSetManifest({ privileged: true }),
};

describe.each(databases.eachSupportedId())('ApprovalService on %p', id => {
  let knexA: Knex;
  let knexB: Knex;

  beforeAll(async () => {
    knexA = await databases.init(id as TestDatabaseId);
    // A second connection pool to the same database, as a second backend instance has; an
    // in-memory SQLite database exists only in its own connection, so there both share one.
    knexB =
      knexA.client.config.client === 'pg'
        ? knexFactory({
            client: 'pg',
            connection: knexA.client.config.connection,
          })
        : knexA;
  });

  afterAll(async () => {
    if (knexB !== knexA) await knexB.destroy();
  });

  it('applies once when two instances approve and process the same request at once', async () => {
    const policy = {
      current: parseApprovalPolicy({
        privileged: 'requireApproval',
        requiredApprovals: 2,
      }),
    };
    const { state, applier } = countingApplier();
    const a = await instance(knexA, applier, policy);
    const b = await instance(knexB, applier, policy);
    const request = await a.service.createRequest(privileged, DEV);
    expect(request.requiredApprovals).toBe(2);

    const decided = await Promise.all([
      a.service.decide(request.id, { decision: 'approve' }, ALICE),
      b.service.decide(request.id, { decision: 'approve' }, BOB),
    ]);
    expect(decided.map(r => r.decisions.length).sort()).toEqual(
      expect.arrayContaining([2]),
    );
    // Both instances try to process it, as after a restart, while the background apply runs.
    const attempts = await Promise.all([
      a.service.applyApproved(request.id),
      b.service.applyApproved(request.id),
      a.service.housekeeping(),
      b.service.housekeeping(),
    ]);
    await Promise.all([a.service.whenIdle(), b.service.whenIdle()]);
    await Promise.all([a.service.housekeeping(), b.service.housekeeping()]);

    expect(state.applies).toBe(1);
    expect(attempts.slice(0, 2).filter(Boolean).length).toBeLessThanOrEqual(1);
    const stored = await a.service.get(request.id, ALICE);
    expect(stored).toMatchObject({ state: 'applied' });
    expect(stored.appliedAt).toBeDefined();
    expect(
      a.sent.concat(b.sent).filter(n => n.payload.title.endsWith('applied')),
    ).toHaveLength(1);
  });

  it('refuses a tampered stored manifest and says why', async () => {
    const policy = { current: parseApprovalPolicy({}) };
    const { state, applier } = countingApplier();
    const a = await instance(knexA, applier, policy);
    const request = await a.service.createRequest(
      {
        ...privileged,
        name: 'tampered',
        manifest: daemonSetManifest({ name: 'tampered', privileged: true }),
      },
      DEV,
    );
    await knexA('daemonset_approval_requests')
      .where('id', request.id)
      .update({
        manifest: daemonSetManifest({
          name: 'tampered',
          privileged: true,
          hostNetwork: true,
        }),
      });
    await a.service.decide(request.id, { decision: 'approve' }, ALICE);
    await a.service.whenIdle();
    expect(state.applies).toBe(0);
    expect(await a.service.get(request.id, ALICE)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/does not match its SHA-256/),
    });
  });

  it('refuses a manifest a rule denies since the request, recorded in the request', async () => {
    const policy = { current: parseApprovalPolicy({}) };
    const { state, applier } = countingApplier();
    const a = await instance(knexA, applier, policy);
    const request = await a.service.createRequest(
      {
        ...privileged,
        name: 'now-denied',
        manifest: daemonSetManifest({ name: 'now-denied', privileged: true }),
      },
      DEV,
    );
    policy.current = parseApprovalPolicy({ privileged: 'deny' });
    await a.service.decide(request.id, { decision: 'approve' }, ALICE);
    await a.service.whenIdle();
    expect(state.applies).toBe(0);
    expect(await a.service.get(request.id, ALICE)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/policy now denies.*privileged/),
    });
  });

  it('keeps a failed apply with its error, and an approver retries it', async () => {
    const policy = { current: parseApprovalPolicy({}) };
    const { state, applier } = countingApplier();
    const a = await instance(knexA, applier, policy);
    const request = await a.service.createRequest(
      {
        ...privileged,
        name: 'retried',
        manifest: daemonSetManifest({ name: 'retried', privileged: true }),
      },
      DEV,
    );
    state.failing = 'cluster unreachable';
    await a.service.decide(request.id, { decision: 'approve' }, ALICE);
    await a.service.whenIdle();
    expect(await a.service.get(request.id, DEV)).toMatchObject({
      state: 'failed',
      error: 'cluster unreachable',
    });
    expect(a.sent.at(-1)).toMatchObject({
      recipients: { entityRef: 'user:default/dev' },
      payload: { title: expect.stringMatching(/failed to apply/) },
    });
    await expect(a.service.retry(request.id, DEV)).rejects.toThrow(
      /daemonset\.request\.approve/,
    );
    state.failing = undefined;
    await a.service.retry(request.id, BOB);
    await a.service.whenIdle();
    expect(state.applies).toBe(2);
    const applied = await a.service.get(request.id, DEV);
    expect(applied.state).toBe('applied');
    expect(applied.error).toBeUndefined();
  });

  it('expires a pending request on read after expireAfter', async () => {
    const policy = { current: parseApprovalPolicy({}) };
    const { applier } = countingApplier();
    const a = await instance(knexA, applier, policy);
    const request = await a.service.createRequest(
      {
        ...privileged,
        name: 'expiring',
        manifest: daemonSetManifest({ name: 'expiring', privileged: true }),
      },
      DEV,
    );
    await knexA('daemonset_approval_requests')
      .where('id', request.id)
      .update({ expires_at: '2000-01-01T00:00:00.000Z' });
    expect((await a.service.get(request.id, DEV)).state).toBe('expired');
    await expect(
      a.service.decide(request.id, { decision: 'approve' }, ALICE),
    ).rejects.toThrow(/is expired, not pending/);
  });
});
