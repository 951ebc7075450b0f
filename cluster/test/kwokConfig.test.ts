import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentSpecs } from '../src/components.ts';
import { KWOK_PARALLELISM, kwokConfiguration } from '../src/kwokConfig.ts';
import { layout } from '../src/paths.ts';
import { pkiPaths } from '../src/pki.ts';

/** `options` of the document as key → value text (flat YAML, one option a line). */
function options(doc: string): Record<string, string> {
  const body = doc.split('\noptions:\n')[1] ?? '';
  return Object.fromEntries(
    body
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const m = /^ {2}(\w+): (\S+)$/.exec(line);
        assert.ok(m, `unexpected line ${JSON.stringify(line)}`);
        return [m[1], m[2]];
      }),
  );
}

test('the kwok configuration raises the worker counts and keeps kwok defaults a given file would drop', () => {
  const doc = kwokConfiguration();
  assert.match(
    doc,
    /^apiVersion: config\.kwok\.x-k8s\.io\/v1alpha1\nkind: KwokConfiguration\n/,
  );
  const opts = options(doc);
  // kwok v0.8.0's own defaults.
  const kwokDefault: Record<string, number> = {
    podPlayStageParallelism: 4,
    nodePlayStageParallelism: 4,
    nodeLeaseParallelism: 4,
    podsOnNodeSyncParallelism: 1,
  };
  for (const [k, v] of Object.entries(KWOK_PARALLELISM)) {
    assert.equal(opts[k], String(v), k);
    assert.ok(v > kwokDefault[k], `${k} above kwok's default`);
  }
  // Without these the API server's pod log requests to kwok answer 405.
  assert.equal(opts.enableDebuggingHandlers, 'true');
  assert.equal(opts.enablePodsOnNodeSyncListPager, 'true');
});

test('kwok is started with the configuration file from the cluster home', () => {
  const l = layout(mkdtempSync(join(tmpdir(), 'cluster-home-')));
  const kwok = componentSpecs(l, pkiPaths(l)).find(c => c.name === 'kwok')!;
  const flag = kwok.args.find(a => a.endsWith('kwok-configuration.yaml'));
  assert.ok(flag?.startsWith(`--config=${l.home}/`), String(flag));
  assert.equal(
    readFileSync(flag!.slice('--config='.length), 'utf8'),
    kwokConfiguration(),
  );
});
