import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@daemonsets/plugin-daemonset-backend',
  'migrations',
);

/** Brings the approval tables to the latest schema. @internal */
export async function migrateApprovalsUp(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** Rolls every approval migration back (tests of the down migrations). @internal */
export async function migrateApprovalsDown(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir }, true);
}
