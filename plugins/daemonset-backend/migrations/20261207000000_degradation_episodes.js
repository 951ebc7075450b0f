// @ts-check

/**
 * The degradation episode of each DaemonSet an entity owns: one row per DaemonSet, whose
 * conditional updates decide which backend instance tells the owner.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('daemonset_degradation_episodes', table => {
    table.comment(
      'Whether a DaemonSet is in a degradation episode, and which episode',
    );
    table
      .string('target', 64)
      .primary()
      .notNullable()
      .comment('sha256 of entity ref, cluster, namespace and name');
    table.string('entity_ref', 512).notNullable();
    table.string('cluster', 255).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('name', 253).notNullable();
    table.string('state', 20).notNullable().comment('degraded or healthy');
    table.integer('episode').notNullable();
    table.text('reason').nullable();
    // ISO 8601 UTC strings of one length, as in the approval tables.
    table.string('started_at', 30).notNullable();
    table.string('recovered_at', 30).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('daemonset_degradation_episodes');
};
