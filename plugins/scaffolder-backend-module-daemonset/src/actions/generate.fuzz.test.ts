import { ConfigReader } from '@backstage/config';
import fc from 'fast-check';
import {
  filePathValue,
  nastyValue,
  traversals,
  tree,
  useFuzzWorkspace,
  validInput,
} from './__testUtils__/fuzz';
import { createDaemonSetGenerateAction } from './generate';

/**
 * Bad input for daemonset:generate (see apply.fuzz.test.ts for apply): whatever comes in, the action either succeeds (writing only inside
 * the workspace) or throws an InputError that names the field, with a message of bounded size;
 * nothing is written outside the workspace and nothing else is thrown.
 */

// Hundreds of generated runs per test: Jest's 5 s default is too short on a busy machine.
jest.setTimeout(60_000);

describe('bad input to the scaffolder actions', () => {
  const sandbox = useFuzzWorkspace('ds-fuzz-generate-');
  const { context, expectSafe } = sandbox;

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
            expect(
              result === 'ok' || tree(sandbox.workspace).length === 0,
            ).toBe(true);
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
                tree(sandbox.workspace).length > 0),
          ).toBe(true);
        }),
        { numRuns: 150, examples: traversals.map(t => [t]) },
      );
      expect(written).toBeGreaterThan(0);
    });
  });
});
