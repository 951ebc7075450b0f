// @ts-check

/**
 * An edit's base revision on its approval request: the DaemonSet's metadata.generation the
 * edit was made from, checked again when the approved manifest is applied.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('daemonset_approval_requests', table => {
    table
      .integer('base_revision')
      .nullable()
      .comment(
        "An edit's base revision (DaemonSet metadata.generation); null for a creation",
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('daemonset_approval_requests', table => {
    table.dropColumn('base_revision');
  });
};
