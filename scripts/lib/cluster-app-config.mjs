#!/usr/bin/env node
// Prints an app-config fragment (JSON is valid YAML) that points the portal at the local
// cluster with its least-privileged portal token. The output holds a secret: it is written
// only into the ignored .cluster/ folder. With --unreachable-cluster, a second cluster
// `unreachable` at a closed port follows (for the browser test of a broken cluster only: it would
// show on every entity's tab that does not name its cluster).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const clusterHome = process.env.CLUSTER_HOME ?? join(repoRoot, '.cluster');
const state = JSON.parse(readFileSync(join(clusterHome, 'state.json'), 'utf8'));
const caData = readFileSync(state.caPath).toString('base64');
const unreachable = process.argv.includes('--unreachable-cluster')
  ? [
      {
        name: 'unreachable',
        title: 'Unreachable test cluster',
        url: 'https://127.0.0.1:1',
        authProvider: 'serviceAccount',
        serviceAccountToken: 'unreachable-cluster-token',
        caData,
      },
    ]
  : [];

const config = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            title: 'Local simulated cluster',
            url: state.server,
            authProvider: 'serviceAccount',
            serviceAccountToken: readFileSync(
              state.tokens.portal,
              'utf8',
            ).trim(),
            caData,
          },
          ...unreachable,
        ],
      },
    ],
  },
};
process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
