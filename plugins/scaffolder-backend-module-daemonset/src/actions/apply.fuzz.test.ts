import { mockServices } from '@backstage/backend-test-utils';
import { KubeRequest } from '@daemonsets/plugin-daemonset-node';
import fc from 'fast-check';
import { promises as fsPromises, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import {
  config,
  daemonSet,
  escapeRegExp,
  filePathValue,
  HUGE,
  nastyString,
  nastyValue,
  SENTINEL,
  traversals,
  useFuzzWorkspace,
} from './__testUtils__/fuzz';
import { createDaemonSetApplyAction } from './apply';

/**
 * Bad input for daemonset:apply (see generate.fuzz.test.ts for generate): whatever comes in, the action either succeeds (writing only inside
 * the workspace) or throws an InputError that names the field, with a message of bounded size;
 * nothing is written outside the workspace and nothing else is thrown.
 */

// Hundreds of generated runs per test: Jest's 5 s default is too short on a busy machine.
jest.setTimeout(60_000);

describe('bad input to the scaffolder actions', () => {
  const sandbox = useFuzzWorkspace('ds-fuzz-apply-');
  const { context, expectSafe } = sandbox;

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
            writeFileSync(
              join(sandbox.workspace, 'm.yaml'),
              stringify(daemonSet),
            );
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
                new RegExp(`^${escapeRegExp(sandbox.workspace + sep)}`),
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
        writeFileSync(join(sandbox.workspace, 'm.yaml'), stringify(daemonSet));
        await action.handler(ctx as any);
        expect(spy.mock.calls.map(([p]) => String(p))).toEqual([
          join(sandbox.workspace, 'm.yaml'),
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
