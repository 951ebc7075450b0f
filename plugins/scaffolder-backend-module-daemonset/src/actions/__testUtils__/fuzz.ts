import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ConfigReader } from '@backstage/config';
import fc from 'fast-check';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';

/*
 * Shared by the actions' fuzz tests (generate.fuzz.test.ts, apply.fuzz.test.ts): hostile values
 * and a workspace sandbox whose surroundings must stay unchanged.
 */

export const HUGE = 'a'.repeat(5 * 1024 * 1024);
/** Stands for HUGE in generated values, so that a counterexample prints short. */
const HUGE_MARK = '<5 MB string>';
const MAX_MESSAGE = 4096;

/** Replaces HUGE_MARK by a 5 MB string, anywhere in a generated value. */
function expand<T>(value: T): T {
  if (value === HUGE_MARK) return HUGE as T;
  if (Array.isArray(value)) return value.map(expand) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expand(v)]),
    ) as T;
  }
  return value;
}

export const config = new ConfigReader({
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            url: 'https://127.0.0.1:6443',
            serviceAccountToken: 'fuzz-secret-token',
          },
        ],
      },
    ],
  },
});

export const validInput = {
  name: 'log-agent',
  namespace: 'daemonset-demo',
  cluster: 'local',
  containers: [
    { name: 'agent', image: 'ghcr.io/acme/log-agent', tag: '1.4.2' },
  ],
  services: [{ name: 'log-agent', ports: [{ port: 8080 }] }],
};

/** Outside the workspace: its name must never reach a call, an output or an error. */
export const SENTINEL = 'sentinel-outside-workspace';
const SENTINEL_MANIFEST = stringify({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: SENTINEL, namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: 'a', image: 'nginx' }] } } },
});

export const daemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: 'a', image: 'nginx' }] } } },
};

const injections = [
  '${{ parameters.name }}',
  '${{ secrets.token }}',
  '{{ name }}',
  '{% raw %}x{% endraw %}',
  '$(rm -rf /)',
  '`id`',
  '!!js/function "function(){ return 1 }"',
  '!!python/object/apply:os.system ["id"]',
  '*anchor',
  '&a [*a]',
  '<<: *x',
  "'; DROP TABLE x; --",
  '<script>alert(1)</script>',
  '\u0000',
  'a\u0000b',
  '\u202e\u0645\u200b',
  '🙂'.repeat(100),
  '---\nkind: ClusterRoleBinding',
  'a\nb: c',
  '../../etc/passwd',
  '%2e%2e%2fetc',
  '',
  ' ',
];

export const nastyString = fc.oneof(
  fc.constantFrom(...injections),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant(HUGE_MARK),
);

export const nastyValue = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), nastyString, { maxKeys: 3 }),
);

export const traversals = [
  '../../etc/passwd',
  '../outside.yaml',
  '/abs/path.yaml',
  '/etc/passwd',
  'a/../../b',
  'manifests/../../outside.yaml',
  'a/b/../../../c',
  '..',
  '.',
  './',
  '',
  'a\u0000b.yaml',
  '\u0000',
  'C:\\Windows\\x.yaml',
  'c:/x.yaml',
  '\\\\server\\share\\x.yaml',
  '..\\..\\x.yaml',
  'a\\..\\..\\b',
  '~/x.yaml',
  '%2e%2e/x.yaml',
  'manifests/./x.yaml',
  'x'.repeat(5000),
  `${'d/'.repeat(300)}x.yaml`,
];

export const filePathValue = fc.oneof(
  fc.constantFrom(...traversals),
  fc
    .array(fc.constantFrom('..', '.', 'a', 'b', '', '/', '\\', '\u0000'), {
      maxLength: 6,
    })
    .map(parts => parts.join('/')),
  fc.string({ maxLength: 40 }),
);

export const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = join(d, entry);
      out.push(`${relative(dir, full)} ${statSync(full).size}`);
      if (statSync(full).isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** The sandbox of one fuzz test file; see {@link useFuzzWorkspace}. */
export interface FuzzWorkspace {
  /** The current (emptied before each run) workspace directory. */
  readonly workspace: string;
  /** An action context on an empty workspace, with HUGE_MARK expanded in `input`. */
  context(input: unknown): ReturnType<typeof createMockActionContext>;
  /** Runs the action; any failure must be an InputError naming `field`, of bounded size. */
  expectSafe(
    run: () => Promise<unknown>,
    field: RegExp,
  ): Promise<'ok' | 'rejected'>;
}

/**
 * Registers the hooks of a sandbox: a temporary parent directory (named with `prefix`, one per
 * test file so that parallel files do not see each other's) holding the workspace and a valid
 * manifest outside it, checked unchanged after every run.
 */
export function useFuzzWorkspace(prefix: string): FuzzWorkspace {
  let parent: string;
  let workspace: string;
  let parentBefore: string[];
  let tmpBefore: string[];

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), prefix));
    workspace = join(parent, 'workspace');
    mkdirSync(workspace);
    // A file next to the workspace that a traversal would reach: a valid manifest, so that
    // reading it would show in the calls, outputs or errors.
    writeFileSync(join(parent, 'outside.yaml'), SENTINEL_MANIFEST);
    mkdirSync(join(parent, 'a'));
    parentBefore = tree(parent).filter(
      p => !p.startsWith(`workspace${sep}`) && !p.startsWith('workspace '),
    );
    tmpBefore = readdirSync(tmpdir()).filter(f => f.startsWith(prefix));
  });

  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  beforeEach(() => {
    rmSync(workspace, { recursive: true, force: true });
    mkdirSync(workspace);
  });

  const outsideUnchanged = () => {
    expect(
      tree(parent).filter(
        p => !p.startsWith(`workspace${sep}`) && !p.startsWith('workspace '),
      ),
    ).toEqual(parentBefore);
    expect(readdirSync(tmpdir()).filter(f => f.startsWith(prefix))).toEqual(
      tmpBefore,
    );
  };

  const context = (input: unknown) => {
    // Each run starts from an empty workspace.
    rmSync(workspace, { recursive: true, force: true });
    mkdirSync(workspace);
    return createMockActionContext({
      input: expand(input) as any,
      workspacePath: workspace,
    });
  };

  /** Runs the action; any failure must be an InputError naming `field`, of bounded size. */
  async function expectSafe(
    run: () => Promise<unknown>,
    field: RegExp,
  ): Promise<'ok' | 'rejected'> {
    try {
      await run();
      return 'ok';
    } catch (e) {
      const error = e as Error;
      if (error.name !== 'InputError') {
        throw new Error(
          `expected an InputError, got ${error.name}: ${String(
            error.message,
          ).slice(0, 300)}`,
        );
      }
      expect(error.message.length).toBeLessThan(MAX_MESSAGE);
      expect(error.message).toMatch(field);
      expect(error.message).not.toContain('fuzz-secret-token');
      return 'rejected';
    } finally {
      outsideUnchanged();
    }
  }

  return {
    get workspace() {
      return workspace;
    },
    context,
    expectSafe,
  };
}
