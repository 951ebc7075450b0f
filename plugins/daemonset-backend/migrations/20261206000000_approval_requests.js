// @ts-check

/**
 * Approval requests of DaemonSet manifests and the decisions on them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('daemonset_approval_requests', table => {
    table.comment('DaemonSet manifests waiting for, or given, approval');
    table.string('id', 36).primary().notNullable();
    table.string('cluster', 255).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('name', 253).notNullable();
    table.string('entity_ref', 512).nullable();
    table.text('manifest').notNullable();
    table.string('sha256', 64).notNullable();
    table.text('reasons').notNullable().comment('JSON array of strings');
    table.integer('required_approvals').notNullable();
    table.string('requester', 512).notNullable();
    table.string('state', 20).notNullable();
    // ISO 8601 UTC strings of one length: they sort and compare the same on every database.
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.string('expires_at', 30).notNullable();
    table.string('superseded_by', 36).nullable();
    table.text('error').nullable();
    table.string('applied_at', 30).nullable();
    table.index(
      ['cluster', 'namespace', 'name', 'state'],
      'daemonset_approval_target_idx',
    );
    table.index(['state', 'expires_at'], 'daemonset_approval_state_idx');
    table.index(['requester'], 'daemonset_approval_requester_idx');
  });
  await knex.schema.createTable('daemonset_approval_decisions', table => {
    table.comment('One decision of one person on one approval request');
    table.increments('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('daemonset_approval_requests')
      .onDelete('CASCADE');
    table.string('by', 512).notNullable();
    table.string('decision', 10).notNullable();
    table.text('comment').nullable();
    table.string('at', 30).notNullable();
    table.unique(['request_id', 'by'], {
      indexName: 'daemonset_approval_decision_once_idx',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('daemonset_approval_decisions');
  await knex.schema.dropTable('daemonset_approval_requests');
};
