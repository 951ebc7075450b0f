#!/usr/bin/env node
// Prints an app-config fragment (JSON is valid YAML) that points the portal at the local
// cluster with its least-privileged portal token. The output holds a secret: it is written
// only into the ignored .cluster/ folder.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const clusterHome = process.env.CLUSTER_HOME ?? join(repoRoot, '.cluster');
const state = JSON.parse(readFileSync(join(clusterHome, 'state.json'), 'utf8'));

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
            caData: readFileSync(state.caPath).toString('base64'),
          },
        ],
      },
    ],
  },
};
process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
