#!/usr/bin/env node
// Helper of scripts/install-test.sh. Subcommands print TAP-like lines ("ok - ..." or
// "not ok - ...") that the shell script counts; anything else is progress output.
//
//   check-tarball <tarball> <package dir>   contents and packed package.json of one tarball
//   wire-app <app dir> <tarball dir> <repo root> <port> <token> [cluster config JSON file]
//                                           installs and wires the plugins into a created app,
//                                           following the snippets of the plugin READMEs
//   http-checks <base URL> <token> <cluster name> <real cluster: 0|1>
//                                           checks that the plugins answer in the running backend
//   check-bundle <app dir>                  checks that the built frontend bundle has the plugin
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The five packages, by directory under plugins/. */
export const PLUGINS = {
  'daemonset-common': '@daemonsets/plugin-daemonset-common',
  'daemonset-node': '@daemonsets/plugin-daemonset-node',
  'daemonset-backend': '@daemonsets/plugin-daemonset-backend',
  'scaffolder-backend-module-daemonset':
    '@daemonsets/plugin-scaffolder-backend-module-daemonset',
  daemonset: '@daemonsets/plugin-daemonset',
};
const OUR_NAMES = new Set(Object.values(PLUGINS));

let failures = 0;
function check(ok, message, detail) {
  if (ok) {
    console.log(`ok - ${message}`);
  } else {
    failures += 1;
    console.log(`not ok - ${message}${detail ? `\n    ${detail}` : ''}`);
  }
  return ok;
}
const readJson = file => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** Tarball file name for a package name, as `yarn pack --out %s.tgz` would not do it. */
export const tarballName = name =>
  `${name.replace('@', '').replace('/', '-')}.tgz`;

// ---------------------------------------------------------------------------------------------
// check-tarball

function checkTarball(tarball, packageDir) {
  const source = readJson(join(packageDir, 'package.json'));
  const name = source.name;
  const files = new Set(
    execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(f => f.replace(/^package\//, '')),
  );
  const packed = JSON.parse(
    execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const role = packed.backstage?.role;

  check(files.has('README.md'), `${name}: tarball has README.md`);
  check(files.has('dist/index.d.ts'), `${name}: tarball has dist/index.d.ts`);
  const strays = [...files].filter(
    f =>
      !/^(dist\/|README\.md$|CHANGELOG\.md$|LICENSE|package\.json$|config\.(d\.ts|schema\.json)$)/.test(
        f,
      ),
  );
  check(
    strays.length === 0,
    `${name}: tarball holds only dist, README, package.json and the config schema`,
    strays.join(', '),
  );
  check(
    ![...files].some(f =>
      /\.test\.|__testUtils__|__fixtures__|setupTests/.test(f),
    ),
    `${name}: tarball holds no test files`,
  );
  if (source.configSchema) {
    // prepack compiles config.d.ts into config.schema.json and points configSchema at it.
    check(
      Boolean(packed.configSchema) && files.has(packed.configSchema),
      `${name}: config schema is packed (${source.configSchema} -> ${packed.configSchema})`,
    );
  }

  // Entry points: main, types and every export point into dist and exist.
  const targets = [];
  const collect = value => {
    // Export conditions also carry metadata such as "backstage": "@backstage/FrontendPlugin".
    if (typeof value === 'string') {
      if (/^(\.\/|dist\/)/.test(value)) targets.push(value);
    } else if (value && typeof value === 'object')
      Object.values(value).forEach(collect);
  };
  collect({ main: packed.main, types: packed.types, module: packed.module });
  collect(packed.exports ?? {});
  const bad = targets.filter(
    t =>
      t !== './package.json' &&
      !(
        t.replace(/^\.\//, '').startsWith('dist/') &&
        files.has(t.replace(/^\.\//, ''))
      ),
  );
  check(
    targets.length > 0 && bad.length === 0,
    `${name}: main, types and exports point at packed dist files`,
    bad.join(', '),
  );
  for (const subpath of Object.keys(source.exports ?? {})) {
    check(
      packed.exports && subpath in packed.exports,
      `${name}: export '${subpath}' is kept`,
    );
  }
  check(
    packed.publishConfig?.access === 'public',
    `${name}: publishConfig.access is public`,
  );

  // Dependencies: no workspace: ranges, nothing from this repo that is not published with it.
  const allDeps = {
    ...packed.dependencies,
    ...packed.peerDependencies,
    ...packed.optionalDependencies,
  };
  const unpublishable = Object.entries(allDeps).filter(
    ([dep, range]) =>
      /^(workspace|link|file|portal):/.test(range) ||
      (dep.startsWith('@daemonsets/') && !OUR_NAMES.has(dep)),
  );
  check(
    unpublishable.length === 0,
    `${name}: dependencies are all published ranges`,
    unpublishable.map(([d, r]) => `${d}@${r}`).join(', '),
  );
  const ours = Object.entries(packed.dependencies ?? {}).filter(([d]) =>
    OUR_NAMES.has(d),
  );
  for (const [dep, range] of ours) {
    check(
      /^\^?\d+\.\d+\.\d+/.test(range),
      `${name}: ${dep} is pinned to ${range}`,
    );
  }
  if (role === 'frontend-plugin') {
    for (const peer of ['react', 'react-dom', 'react-router-dom']) {
      check(
        Boolean(packed.peerDependencies?.[peer]) &&
          !packed.dependencies?.[peer],
        `${name}: ${peer} is a peer dependency`,
      );
    }
  }
  return failures === 0;
}

// ---------------------------------------------------------------------------------------------
// wire-app

/** The fenced code blocks of a markdown text, with their language. */
export function codeBlocks(markdown) {
  const blocks = [];
  const re = /^```(\w*)\n([\s\S]*?)^```/gm;
  let m;
  while ((m = re.exec(markdown))) blocks.push({ lang: m[1], code: m[2] });
  return blocks;
}

/** `yarn --cwd packages/<x> add <pkgs>` commands of a README. */
export function installCommands(markdown) {
  const found = [];
  for (const { code } of codeBlocks(markdown)) {
    for (const line of code.split('\n')) {
      const m = line.trim().match(/^yarn --cwd (packages\/\w+) add (.+)$/);
      if (m)
        found.push({ workspace: m[1], packages: m[2].trim().split(/\s+/) });
    }
  }
  return found;
}

/** The `backend.add(...)` statements of README blocks that start with `// packages/backend/src/index.ts`. */
export function backendStatements(markdown) {
  const found = [];
  for (const { code } of codeBlocks(markdown)) {
    if (!code.startsWith('// packages/backend/src/index.ts')) continue;
    found.push(
      ...code
        .split('\n')
        .map(l => l.trim())
        .filter(l => l.startsWith('backend.add(')),
    );
  }
  return found;
}

/** The README of a plugin. */
function readmeOf(repoRoot, dir) {
  const candidates = [
    join(repoRoot, 'plugins', dir, 'README.md'),
    join(repoRoot, 'docs', 'install', `${dir}.md`),
  ];
  const hits = candidates.filter(f => {
    if (!existsSync(f)) return false;
    const text = readFileSync(f, 'utf8');
    return installCommands(text).length > 0;
  });
  return hits.length > 0
    ? { file: hits[0], text: readFileSync(hits[0], 'utf8') }
    : undefined;
}

function wireApp(appDir, tarballDir, repoRoot, port, token, clusterConfigFile) {
  appDir = resolve(appDir);
  const repoPkg = readJson(join(repoRoot, 'package.json'));
  const versions = {};
  for (const [dir, name] of Object.entries(PLUGINS)) {
    versions[name] = readJson(
      join(repoRoot, 'plugins', dir, 'package.json'),
    ).version;
  }

  // Root: keep @backstage/* on this repo's release line, and serve our packages from the
  // tarballs (as if they were published), including where they depend on each other.
  const rootFile = join(appDir, 'package.json');
  const root = readJson(rootFile);
  const resolutions = { ...root.resolutions };
  for (const [dep, range] of Object.entries(repoPkg.resolutions ?? {})) {
    if (dep.startsWith('@backstage/')) resolutions[dep] = range;
  }
  for (const name of OUR_NAMES) {
    const tarball = join(tarballDir, tarballName(name));
    check(existsSync(tarball), `tarball of ${name} exists`);
    resolutions[name] = `file:${tarball}`;
  }
  root.resolutions = resolutions;
  writeJson(rootFile, root);
  console.log(
    `pinned ${
      Object.keys(resolutions).filter(k => k.startsWith('@backstage/')).length
    } @backstage/* resolutions; @daemonsets/* -> file: tarballs`,
  );

  // The README install commands, applied to the workspaces' package.json (one install later).
  const applied = { 'packages/backend': [], 'packages/app': [] };
  for (const dir of [
    'daemonset-backend',
    'scaffolder-backend-module-daemonset',
    'daemonset',
  ]) {
    const readme = readmeOf(repoRoot, dir);
    if (
      !check(
        Boolean(readme),
        `README of ${PLUGINS[dir]} has a 'yarn --cwd packages/... add' command`,
      )
    ) {
      continue;
    }
    for (const { workspace, packages } of installCommands(readme.text)) {
      const file = join(appDir, workspace, 'package.json');
      const pkg = readJson(file);
      for (const name of packages) {
        if (
          !check(
            OUR_NAMES.has(name),
            `${readme.file}: installs a package of this repo (${name})`,
          )
        ) {
          continue;
        }
        pkg.dependencies[name] = `^${versions[name]}`;
        applied[workspace].push(name);
      }
      pkg.dependencies = Object.fromEntries(
        Object.entries(pkg.dependencies).sort(([a], [b]) => a.localeCompare(b)),
      );
      writeJson(file, pkg);
      console.log(
        `yarn --cwd ${workspace} add ${packages.join(
          ' ',
        )}  (as in ${readme.file.replace(`${repoRoot}/`, '')})`,
      );
    }

    // Backend wiring: the README's backend.add lines, before backend.start().
    const statements = backendStatements(readme.text);
    if (dir !== 'daemonset') {
      check(
        statements.length > 0,
        `${readme.file}: has a packages/backend/src/index.ts snippet`,
      );
    }
    if (statements.length > 0) {
      const indexFile = join(appDir, 'packages/backend/src/index.ts');
      let index = readFileSync(indexFile, 'utf8');
      const compact = s => s.replace(/\s+/g, '');
      for (const statement of statements) {
        if (compact(index).includes(compact(statement))) continue;
        index = index.replace(
          /^backend\.start\(\);/m,
          `${statement}\nbackend.start();`,
        );
        console.log(`packages/backend/src/index.ts += ${statement}`);
      }
      writeFileSync(indexFile, index);
    }
  }
  check(
    applied['packages/backend'].includes(
      '@daemonsets/plugin-daemonset-backend',
    ) &&
      applied['packages/backend'].includes(
        '@daemonsets/plugin-scaffolder-backend-module-daemonset',
      ),
    'the backend plugin and the scaffolder module are added to packages/backend',
  );
  check(
    applied['packages/app'].includes('@daemonsets/plugin-daemonset'),
    'the frontend plugin is added to packages/app',
  );
  const index = readFileSync(
    join(appDir, 'packages/backend/src/index.ts'),
    'utf8',
  );
  for (const name of [
    PLUGINS['daemonset-backend'],
    PLUGINS['scaffolder-backend-module-daemonset'],
  ]) {
    check(
      index.includes(`backend.add(import('${name}'))`),
      `backend index adds ${name}`,
    );
  }

  // Frontend: the new frontend system discovers plugin packages with `app.packages: all`.
  const appConfig = readFileSync(join(appDir, 'app-config.yaml'), 'utf8');
  const appSection = appConfig.split(/^app:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  check(
    /^\s+packages:\s*all\s*$/m.test(appSection),
    'the created app discovers frontend plugins (app.packages: all), so installing the package is the whole frontend wiring',
  );

  // Config for the test: a free port, a static token, an entity owning a DaemonSet, clusters.
  const entities = join(appDir, 'install-test-entities.yaml');
  writeFileSync(
    entities,
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: node-agent',
      '  annotations:',
      '    backstage.io/kubernetes-id: node-agent',
      '    backstage.io/kubernetes-namespace: daemonset-demo',
      'spec:',
      '  type: service',
      '  lifecycle: experimental',
      '  owner: guests',
      '',
    ].join('\n'),
  );
  const clusters = clusterConfigFile
    ? readJson(clusterConfigFile)
    : {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'local',
                  url: 'https://127.0.0.1:9',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'not-a-real-token',
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
      };
  const config = {
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port: Number(port) },
      cors: { origin: `http://localhost:${port}` },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'install-test' } },
        ],
      },
    },
    catalog: {
      locations: [
        { type: 'file', target: '../../examples/entities.yaml' },
        { type: 'file', target: entities },
        {
          type: 'file',
          target: '../../examples/org.yaml',
          rules: [{ allow: ['User', 'Group'] }],
        },
      ],
    },
    // As the READMEs say: the Kubernetes backend plugin of a created app reads the same
    // `kubernetes` key and needs serviceLocatorMethod once clusters are configured.
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      ...clusters.kubernetes,
    },
    daemonset: {
      watchIdleTimeout: { minutes: 5 },
      policy: {
        privileged: 'requireApproval',
        hostNetwork: 'requireApproval',
        hostPath: {
          decision: 'requireApproval',
          allowedPathPrefixes: ['/etc/localtime', '/var/log'],
        },
        protectedNamespaces: {
          decision: 'deny',
          namespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
        },
        allowedRegistries: { decision: 'deny', registries: [] },
      },
    },
  };
  // JSON is YAML; app-config.local.yaml is read by `backstage-cli package start` by default.
  writeJson(join(appDir, 'app-config.local.yaml'), config);
  console.log(
    'wrote app-config.local.yaml (port, static token, entity, cluster, daemonset.*)',
  );
}

// ---------------------------------------------------------------------------------------------
// http-checks

async function getJson(url, token) {
  const res = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}
const brief = value => JSON.stringify(value)?.slice(0, 400);

async function httpChecks(baseUrl, token, clusterName, realCluster) {
  const actions = await getJson(`${baseUrl}/api/scaffolder/v2/actions`, token);
  const ids = Array.isArray(actions.body) ? actions.body.map(a => a.id) : [];
  check(
    actions.status === 200,
    'GET /api/scaffolder/v2/actions answers 200',
    brief(actions),
  );
  for (const id of ['daemonset:generate', 'daemonset:apply']) {
    const action = Array.isArray(actions.body)
      ? actions.body.find(a => a.id === id)
      : undefined;
    check(
      Boolean(action),
      `scaffolder lists ${id}`,
      `ids: ${ids.filter(i => i.startsWith('daemonset')).join(', ')}`,
    );
    check(
      Boolean(action?.schema?.input?.properties) &&
        Boolean(action?.schema?.output?.properties),
      `${id} publishes its input and output schemas`,
    );
  }

  const clusters = await getJson(`${baseUrl}/api/daemonset/clusters`, token);
  check(
    clusters.status === 200,
    'GET /api/daemonset/clusters answers 200',
    brief(clusters),
  );
  check(
    Array.isArray(clusters.body?.items) &&
      clusters.body.items.some(c => c.name === clusterName),
    `GET /api/daemonset/clusters lists the configured cluster '${clusterName}'`,
    brief(clusters.body),
  );

  const anonymous = await getJson(`${baseUrl}/api/daemonset/clusters`);
  check(
    anonymous.status === 401,
    'GET /api/daemonset/clusters without a token answers 401',
    `got ${anonymous.status}`,
  );

  // The catalog reads the test entity shortly after start-up: retry while it is not there yet.
  const statusUrl = `${baseUrl}/api/daemonset/entity/default/component/node-agent/status`;
  let status;
  const deadline = Date.now() + 90_000;
  for (;;) {
    status = await getJson(statusUrl, token);
    if (status.status !== 404 || Date.now() > deadline) break;
    await new Promise(r => setTimeout(r, 2000));
  }
  check(
    status.status === 200,
    'GET /api/daemonset/entity/default/component/node-agent/status answers 200',
    brief(status),
  );
  const reported = status.body?.clusters?.find?.(
    c => c.cluster === clusterName,
  );
  check(
    Boolean(reported),
    `the status reports cluster '${clusterName}'`,
    brief(status.body),
  );
  if (reported) {
    console.log(
      `    cluster ${clusterName}: connection ${reported.connection?.state}, ${
        reported.daemonSets?.length ?? 0
      } DaemonSet(s)${
        reported.error ? `, error: ${reported.error.message}` : ''
      }`,
    );
    if (realCluster) {
      check(
        reported.connection?.state === 'connected',
        `the backend is connected to the real cluster '${clusterName}'`,
        brief(reported.connection),
      );
    }
  }

  const missing = await getJson(
    `${baseUrl}/api/daemonset/entity/default/component/no-such-entity/status`,
    token,
  );
  check(
    missing.status === 404 &&
      missing.body?.error?.name === 'NotFoundError' &&
      /Entity .*no-such-entity.* not found/.test(
        missing.body?.error?.message ?? '',
      ),
    'a missing entity answers 404 NotFoundError "Entity ... not found" (the route exists)',
    brief(missing),
  );
  const badAnnotation = await getJson(
    `${baseUrl}/api/daemonset/entity/default/component/example-website/status`,
    token,
  );
  check(
    [200, 400].includes(badAnnotation.status),
    'an entity without the kubernetes annotations answers 400 (or 200), not 404/500',
    brief(badAnnotation),
  );
}

// ---------------------------------------------------------------------------------------------
// check-bundle

function checkBundle(appDir) {
  const dist = join(appDir, 'packages/app/dist');
  const staticDir = join(dist, 'static');
  if (
    !check(
      existsSync(staticDir),
      'the frontend bundle was built (packages/app/dist/static)',
    )
  )
    return;
  const js = readdirSync(staticDir).filter(f => f.endsWith('.js'));
  const hits = js.filter(f =>
    readFileSync(join(staticDir, f), 'utf8').includes(
      'No DaemonSet found for this entity',
    ),
  );
  check(
    hits.length > 0,
    'the bundle holds the DaemonSet tab (discovered via app.packages: all)',
    `${js.length} chunks searched`,
  );
  const entry = js.filter(f => {
    const text = readFileSync(join(staticDir, f), 'utf8');
    return text.includes('"daemonset"') || text.includes("'daemonset'");
  });
  check(entry.length > 0, "the bundle registers plugin id 'daemonset'");
}

// ---------------------------------------------------------------------------------------------

const [command, ...args] = process.argv.slice(2);
const commands = {
  'check-tarball': () => checkTarball(...args),
  'wire-app': () => wireApp(...args),
  'http-checks': () => httpChecks(args[0], args[1], args[2], args[3] === '1'),
  'check-bundle': () => checkBundle(...args),
};
if (commands[command]) {
  try {
    await commands[command]();
  } catch (error) {
    check(false, `${command} crashed`, error?.stack ?? String(error));
  }
  process.exitCode = failures > 0 ? 1 : 0;
} else if (command !== undefined) {
  console.error(`unknown command ${command}`);
  process.exitCode = 2;
}
