import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ApprovalRequest } from '@daemonsets/plugin-daemonset-common';
import { Knex } from 'knex';
import { postgresSkipReason, storeTestIds } from '../__testUtils__/approvals';
import { ApprovalStore } from './ApprovalStore';
import { migrateApprovalsDown, migrateApprovalsUp } from './migrations';

const pgSkip = postgresSkipReason();
const databases = TestDatabases.create({
  ids: storeTestIds(),
  disableDocker: true,
});

let sequence = 0;
function request(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  sequence += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    cluster: 'local',
    namespace: 'apps',
    name: 'agent',
    manifest: 'kind: DaemonSet',
    sha256: 'a'.repeat(64),
    reasons: ['privileged'],
    requiredApprovals: 1,
    requester: 'user:default/dev',
    state: 'pending',
    decisions: [],
    createdAt: at,
    updatedAt: at,
    expiresAt: '2026-01-08T00:00:00.000Z',
    ...overrides,
  };
}

const decision = (by: string, verdict: 'approve' | 'reject' = 'approve') => ({
  by,
  decision: verdict,
  at: '2026-01-02T00:00:00.000Z',
});

describe('ApprovalStore', () => {
  it(`runs on PostgreSQL too${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
    // Outside CI a missing PostgreSQL is reported here; in CI postgresSkipReason threw.
    expect(storeTestIds().length).toBe(pgSkip ? 1 : 2);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: ApprovalStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await migrateApprovalsUp(knex);
      store = new ApprovalStore(knex);
    });

    it('stores a request and reads it back as written', async () => {
      const stored = request({
        entityRef: 'component:default/agent',
        name: 'roundtrip',
        reasons: ['a', 'b'],
        requiredApprovals: 2,
      });
      await store.insert(stored);
      expect(await store.get(stored.id)).toEqual(stored);
      expect(await store.get('missing')).toBeUndefined();
    });

    it('supersedes the older pending request of the same DaemonSet, visibly', async () => {
      const older = request({ name: 'superseded' });
      const other = request({ name: 'superseded', namespace: 'other' });
      await store.insert(older);
      await store.insert(other);
      const newer = request({ name: 'superseded' });
      expect(await store.insert(newer)).toEqual([older.id]);
      expect(await store.get(older.id)).toMatchObject({
        state: 'superseded',
        supersededBy: newer.id,
      });
      expect((await store.get(other.id))!.state).toBe('pending');
      expect((await store.get(newer.id))!.state).toBe('pending');
    });

    it('needs the required number of distinct approvers', async () => {
      const r = request({ name: 'two', requiredApprovals: 2 });
      await store.insert(r);
      expect(await store.decide(r.id, decision('user:default/a'))).toEqual({
        kind: 'recorded',
        state: 'pending',
      });
      expect(await store.decide(r.id, decision('user:default/a'))).toEqual({
        kind: 'already-decided',
      });
      expect(await store.decide(r.id, decision('user:default/b'))).toEqual({
        kind: 'recorded',
        state: 'approved',
      });
      expect(await store.decide(r.id, decision('user:default/c'))).toEqual({
        kind: 'not-pending',
        state: 'approved',
      });
      expect(await store.decide('missing', decision('user:default/c'))).toEqual(
        { kind: 'not-found' },
      );
      expect((await store.get(r.id))!.decisions.map(d => d.by)).toEqual([
        'user:default/a',
        'user:default/b',
      ]);
    });

    it('rejects on one rejection', async () => {
      const r = request({ name: 'rejected', requiredApprovals: 2 });
      await store.insert(r);
      await store.decide(r.id, decision('user:default/a'));
      expect(
        await store.decide(r.id, {
          ...decision('user:default/b', 'reject'),
          comment: 'no host network here',
        }),
      ).toEqual({ kind: 'recorded', state: 'rejected' });
      expect((await store.get(r.id))!.decisions[1]).toEqual({
        ...decision('user:default/b', 'reject'),
        comment: 'no host network here',
      });
    });

    it('changes state only from the expected state, once under concurrency', async () => {
      const r = request({ name: 'race', state: 'approved' });
      await store.insert(r);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.transition(r.id, 'approved', 'applying', r.createdAt),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(
        await store.transition(r.id, 'applying', 'failed', r.createdAt, {
          error: 'boom',
        }),
      ).toBe(true);
      expect(await store.get(r.id)).toMatchObject({
        state: 'failed',
        error: 'boom',
      });
    });

    it('counts concurrent approvals of distinct people once each', async () => {
      const r = request({ name: 'concurrent', requiredApprovals: 3 });
      await store.insert(r);
      const outcomes = await Promise.all(
        ['a', 'b', 'c', 'd'].map(p =>
          store.decide(r.id, decision(`user:default/${p}`)),
        ),
      );
      const approvedBy = outcomes.filter(
        o => o.kind === 'recorded' && o.state === 'approved',
      );
      expect(approvedBy).toHaveLength(1);
      expect(outcomes.filter(o => o.kind === 'not-pending')).toHaveLength(1);
      expect((await store.get(r.id))!.decisions).toHaveLength(3);
    });

    it('expires pending requests past their expiry, and only those', async () => {
      const due = request({
        name: 'due',
        expiresAt: '2026-01-03T00:00:00.000Z',
      });
      const later = request({
        name: 'later',
        expiresAt: '2026-02-01T00:00:00.000Z',
      });
      const done = request({
        name: 'done',
        state: 'applied',
        expiresAt: '2026-01-03T00:00:00.000Z',
      });
      for (const r of [due, later, done]) await store.insert(r);
      expect(await store.expireDue('2026-01-05T00:00:00.000Z')).toContain(
        due.id,
      );
      expect((await store.get(due.id))!.state).toBe('expired');
      expect((await store.get(later.id))!.state).toBe('pending');
      expect((await store.get(done.id))!.state).toBe('applied');
    });

    it('lists newest first, filtered, and only what the access criteria allow', async () => {
      const mine = request({ name: 'listed', requester: 'user:default/me' });
      const theirs = request({
        name: 'listed',
        namespace: 'ops',
        requester: 'user:default/them',
      });
      await store.insert(mine);
      await store.insert(theirs);
      const all = await store.list({ name: 'listed' });
      expect(all.map(r => r.id)).toEqual([theirs.id, mine.id]);
      expect(
        (await store.list({ name: 'listed', namespace: 'ops' })).map(r => r.id),
      ).toEqual([theirs.id]);
      const own = await store.list(
        { name: 'listed' },
        { criteria: { kind: 'isRequester' }, callerRef: 'user:default/me' },
      );
      expect(own.map(r => r.id)).toEqual([mine.id]);
      const notOwn = await store.list(
        { name: 'listed' },
        {
          criteria: { not: { kind: 'isRequester' } },
          callerRef: 'user:default/me',
        },
      );
      expect(notOwn.map(r => r.id)).toEqual([theirs.id]);
    });

    it('migrates down and up again', async () => {
      await migrateApprovalsDown(knex);
      expect(await knex.schema.hasTable('daemonset_approval_requests')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('daemonset_approval_decisions')).toBe(
        false,
      );
      await migrateApprovalsUp(knex);
      expect(await knex.schema.hasTable('daemonset_approval_requests')).toBe(
        true,
      );
      expect(await store.list({})).toEqual([]);
    });
  });
});
