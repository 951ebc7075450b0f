import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { KubeRequest } from '@daemonsets/plugin-daemonset-node';
import fc from 'fast-check';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { promises as fsPromises } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { createDaemonSetApplyAction } from './apply';
import { createDaemonSetGenerateAction } from './generate';

/**
 * Bad input for both actions: whatever comes in, the action either succeeds (writing only inside
 * the workspace) or throws an InputError that names the field, with a message of bounded size;
 * nothing is written outside the workspace and nothing else is thrown.
 */

const HUGE = 'a'.repeat(5 * 1024 * 1024);
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

const config = new ConfigReader({
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

const validInput = {
  name: 'log-agent',
  namespace: 'daemonset-demo',
  cluster: 'local',
  containers: [
    { name: 'agent', image: 'ghcr.io/acme/log-agent', tag: '1.4.2' },
  ],
  services: [{ name: 'log-agent', ports: [{ port: 8080 }] }],
};

/** Outside the workspace: its name must never reach a call, an output or an error. */
const SENTINEL = 'sentinel-outside-workspace';
const SENTINEL_MANIFEST = stringify({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: SENTINEL, namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: 'a', image: 'nginx' }] } } },
});

const daemonSet = {
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

const nastyString = fc.oneof(
  fc.constantFrom(...injections),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant(HUGE_MARK),
);

const nastyValue = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), nastyString, { maxKeys: 3 }),
);

const traversals = [
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

const filePathValue = fc.oneof(
  fc.constantFrom(...traversals),
  fc
    .array(fc.constantFrom('..', '.', 'a', 'b', '', '/', '\\', '\u0000'), {
      maxLength: 6,
    })
    .map(parts => parts.join('/')),
  fc.string({ maxLength: 40 }),
);

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function tree(dir: string): string[] {
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

describe('bad input to the scaffolder actions', () => {
  let parent: string;
  let workspace: string;
  let parentBefore: string[];
  let tmpBefore: string[];

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'ds-fuzz-'));
    workspace = join(parent, 'workspace');
    mkdirSync(workspace);
    // A file next to the workspace that a traversal would reach: a valid manifest, so that
    // reading it would show in the calls, outputs or errors.
    writeFileSync(join(parent, 'outside.yaml'), SENTINEL_MANIFEST);
    mkdirSync(join(parent, 'a'));
    parentBefore = tree(parent).filter(
      p => !p.startsWith(`workspace${sep}`) && !p.startsWith('workspace '),
    );
    tmpBefore = readdirSync(tmpdir()).filter(f => f.startsWith('ds-fuzz-'));
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
    expect(readdirSync(tmpdir()).filter(f => f.startsWith('ds-fuzz-'))).toEqual(
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

  describe('daemonset:generate', () => {
    const action = createDaemonSetGenerateAction({
      config: new ConfigReader({}),
    });
    const fields: Array<[string, (v: unknown) => object, RegExp]> = [
      ['name', v => ({ ...validInput, name: v }), /\bname\b/],
      ['namespace', v => ({ ...validInput, namespace: v }), /namespace/],
      ['cluster', v => ({ ...validInput, cluster: v }), /cluster/],
      [
        'containers[0].image',
        v => ({
          ...validInput,
          containers: [{ ...validInput.containers[0], image: v }],
        }),
        /containers\[0\]\.image/,
      ],
      [
        'containers[0].tag',
        v => ({
          ...validInput,
          containers: [{ ...validInput.containers[0], tag: v }],
        }),
        /containers\[0\]\.tag/,
      ],
      [
        'services[0].name',
        v => ({
          ...validInput,
          services: [{ ...validInput.services[0], name: v }],
        }),
        /services\[0\]\.name/,
      ],
    ];

    it.each(fields)(
      'rejects or safely accepts any value of %s',
      async (_field, withValue, field) => {
        await fc.assert(
          fc.asyncProperty(nastyValue, async value => {
            const ctx = context(withValue(value));
            const result = await expectSafe(
              () => action.handler(ctx as any),
              field,
            );
            // Rejected: nothing written.
            expect(result === 'ok' || tree(workspace).length === 0).toBe(true);
          }),
          { numRuns: 60 },
        );
      },
    );

    it('rejects inputs of the wrong shape as a whole', async () => {
      const results = new Set<string>();
      await fc.assert(
        fc.asyncProperty(nastyValue, async value => {
          results.add(
            await expectSafe(() => action.handler(context(value) as any), /./),
          );
        }),
        { numRuns: 40 },
      );
      expect([...results]).toEqual(['rejected']);
    });

    it('never writes outside the workspace, whatever filePath says', async () => {
      let written = 0;
      await fc.assert(
        fc.asyncProperty(filePathValue, async filePath => {
          const ctx = context({ ...validInput, filePath });
          const result = await expectSafe(
            () => action.handler(ctx as any),
            /filePath/,
          );
          const out = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
          if (result === 'ok') written++;
          // Accepted: written inside the workspace, under a path without '..'.
          expect(
            result === 'rejected' ||
              (!/(^|[\\/])\.\.([\\/]|$)/.test(out.filePath) &&
                tree(workspace).length > 0),
          ).toBe(true);
        }),
        { numRuns: 150, examples: traversals.map(t => [t]) },
      );
      expect(written).toBeGreaterThan(0);
    });
  });

  describe('daemonset:apply', () => {
    let calls: KubeRequest[] = [];
    const action = createDaemonSetApplyAction({
      config,
      logger: mockServices.logger.mock(),
      requesterFor: () => async req => {
        calls.push(req);
        if (req.method === 'GET') return undefined;
        return {
          ...(req.body as object),
          metadata: { ...(req.body as any).metadata, resourceVersion: '1' },
        };
      },
    });
    beforeEach(() => {
      calls = [];
    });

    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    ].join('\n');
    const manifests = [
      bomb,
      `${stringify(daemonSet)}\nextra: &x [*x]`,
      'kind: *undefinedAnchor',
      'apiVersion: apps/v1\nkind: !!js/function "function(){}"',
      'apiVersion: !!python/object/apply:os.system ["id"]',
      stringify({
        ...daemonSet,
        metadata: { name: '${{ parameters.name }}', namespace: '{{ ns }}' },
      }),
      stringify({ ...daemonSet, kind: HUGE }),
      stringify({ ...daemonSet, metadata: { name: HUGE, namespace: 'x' } }),
      HUGE,
      `${'['.repeat(10_000)}`,
      `${'- '.repeat(5000)}x`,
      '\u0000',
      'a: "\u0000"',
      '---\n---\n---',
      '%YAML 9.9\n---\na: b',
      '!!binary aGVsbG8=',
    ];

    it('rejects hostile manifests with an InputError naming the manifest, before any call', async () => {
      for (const manifest of manifests) {
        const result = await expectSafe(
          () => action.handler(context({ cluster: 'local', manifest }) as any),
          /manifest/i,
        );
        expect({ manifest: manifest.slice(0, 60), result }).toEqual({
          manifest: manifest.slice(0, 60),
          result: 'rejected',
        });
        expect(calls).toEqual([]);
      }
    });

    it('applies a valid manifest behind a 5 MB comment without echoing it', async () => {
      const ctx = context({
        cluster: 'local',
        manifest: `# ${HUGE}\n${stringify(daemonSet)}`,
      });
      await action.handler(ctx as any);
      expect(calls.map(c => c.method)).toEqual(['GET', 'PATCH']);
      expect(JSON.stringify(calls).length).toBeLessThan(10_000);
    });

    it('rejects or safely applies any manifest text', async () => {
      const results = new Set<string>();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            nastyString,
            nastyValue.map(v => stringify({ ...daemonSet, spec: v })),
            nastyValue.map(v =>
              stringify({ ...daemonSet, metadata: { name: v, namespace: v } }),
            ),
          ),
          async manifest => {
            results.add(
              await expectSafe(
                () =>
                  action.handler(
                    context({ cluster: 'local', manifest }) as any,
                  ),
                /manifest|apply/i,
              ),
            );
          },
        ),
        { numRuns: 100 },
      );
      expect(results.has('rejected')).toBe(true);
    });

    it('reads no file outside the workspace, whatever filePath says', async () => {
      // Every file the action opens, by absolute path, and what it got back.
      const readFile = jest.spyOn(fsPromises, 'readFile');
      const results = new Set<string>();
      try {
        await fc.assert(
          fc.asyncProperty(filePathValue, async filePath => {
            calls = [];
            readFile.mockClear();
            const ctx = context({ cluster: 'local', filePath });
            writeFileSync(join(workspace, 'm.yaml'), stringify(daemonSet));
            let message = '';
            results.add(
              await expectSafe(
                () =>
                  action.handler(ctx as any).catch(e => {
                    message = String(e.message);
                    throw e;
                  }),
                /filePath/,
              ),
            );
            for (const [path] of readFile.mock.calls) {
              expect(resolve(String(path))).toMatch(
                new RegExp(`^${escapeRegExp(workspace + sep)}`),
              );
            }
            const seen = `${JSON.stringify(calls)} ${JSON.stringify(
              (ctx.output as jest.Mock).mock.calls,
            )} ${message}`;
            expect(seen).not.toContain(SENTINEL);
          }),
          { numRuns: 150, examples: traversals.map(t => [t]) },
        );
      } finally {
        readFile.mockRestore();
      }
      expect(results.has('rejected')).toBe(true);
      // The spy does see the reads: a path inside the workspace is read through it.
      const spy = jest.spyOn(fsPromises, 'readFile');
      try {
        const ctx = context({ cluster: 'local', filePath: 'm.yaml' });
        writeFileSync(join(workspace, 'm.yaml'), stringify(daemonSet));
        await action.handler(ctx as any);
        expect(spy.mock.calls.map(([p]) => String(p))).toEqual([
          join(workspace, 'm.yaml'),
        ]);
      } finally {
        spy.mockRestore();
      }
    });

    it('rejects any other input: unknown keys, cluster URLs, wrong types', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              cluster: nastyValue,
              manifest: nastyValue,
              url: nastyString,
              token: nastyString,
              timeoutSeconds: nastyValue,
            },
            { requiredKeys: [] },
          ),
          async input => {
            await expectSafe(
              () => action.handler(context(input) as any),
              /input|cluster|manifest|filePath/,
            );
            expect(calls).toEqual([]);
          },
        ),
        { numRuns: 100 },
      );
    });
  });
});
