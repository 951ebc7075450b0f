import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { postgresTestId, storeTestIds } from '../__testUtils__/approvals';
import {
  migrateApprovalsDown,
  migrateApprovalsUp,
} from '../approvals/migrations';
import { DaemonSetTarget, DegradationStore } from './DegradationStore';

/*
 * The episode table on SQLite and (when it runs) PostgreSQL: each state change is won by exactly
 * one of several concurrent writers, also from separate connection pools.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: storeTestIds(),
  disableDocker: true,
});

const target: DaemonSetTarget = {
  entityRef: 'component:default/node-agent',
  cluster: 'local',
  namespace: 'apps',
  name: 'node-agent',
};
const other: DaemonSetTarget = { ...target, cluster: 'other' };
const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 0, 0, s));

describe.each(storeTestIds())('DegradationStore on %s', databaseId => {
  let knex: Knex;
  let pools: Knex[];

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    await migrateApprovalsUp(knex);
    // Other replicas have their own pools on PostgreSQL; in-memory SQLite is one connection.
    pools =
      databaseId === postgresTestId()
        ? [1, 2, 3].map(() =>
            knexFactory({
              client: 'pg',
              connection: knex.client.config.connection,
            }),
          )
        : [knex, knex, knex];
  });

  afterAll(async () => {
    if (databaseId === postgresTestId()) {
      await Promise.all(pools.map(p => p.destroy()));
    }
  });

  it('opens and closes each episode once among concurrent writers', async () => {
    const stores = [knex, ...pools].map(k => new DegradationStore(k));
    const opened = await Promise.all(
      stores.map(s => s.startEpisode(target, 'node a failing', at(0))),
    );
    expect(opened.filter(e => e !== undefined)).toEqual([1]);
    expect(await stores[0].startEpisode(target, 'again', at(1))).toBe(
      undefined,
    );
    expect(await stores[0].read(target)).toEqual({
      state: 'degraded',
      episode: 1,
      reason: 'node a failing',
      startedAt: at(0).toISOString(),
    });

    const closed = await Promise.all(
      stores.map(s => s.endEpisode(target, at(2))),
    );
    expect(closed.filter(e => e !== undefined)).toEqual([1]);
    expect(await stores[1].endEpisode(target, at(3))).toBe(undefined);

    const reopened = await Promise.all(
      stores.map(s => s.startEpisode(target, 'low share', at(4))),
    );
    expect(reopened.filter(e => e !== undefined)).toEqual([2]);
    expect(await stores[2].read(target)).toMatchObject({
      state: 'degraded',
      episode: 2,
      reason: 'low share',
    });
  });

  it('keeps DaemonSets apart and ends nothing that never started', async () => {
    const store = new DegradationStore(knex);
    expect(await store.endEpisode(other, at(0))).toBe(undefined);
    expect(await store.read(other)).toBeUndefined();
    expect(await store.startEpisode(other, 'x', at(1))).toBe(1);
  });

  it('drops the episode table on the way down and creates it again', async () => {
    const table = 'daemonset_degradation_episodes';
    await migrateApprovalsDown(knex);
    expect(await knex.schema.hasTable(table)).toBe(false);
    await migrateApprovalsUp(knex);
    expect(await knex.schema.hasTable(table)).toBe(true);
    expect(await new DegradationStore(knex).read(target)).toBeUndefined();
  });
});
