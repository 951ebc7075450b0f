// @ts-check

/**
 * When each entity's status was last opened by a user, shared by every backend instance: the
 * pre-warm (`daemonset.prewarm`) opens the views of the most recent ones at start-up.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('daemonset_status_view_openings', table => {
    table.comment('When the DaemonSet status of an entity was last opened');
    table.string('entity_ref', 512).primary().notNullable();
    // ISO 8601 UTC strings of one length, as in the approval tables: they sort as times.
    table.string('opened_at', 30).notNullable().index();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('daemonset_status_view_openings');
};
