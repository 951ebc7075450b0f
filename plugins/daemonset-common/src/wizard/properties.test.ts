import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { validInput, RUNS } from './__testUtils__/arbitraries';
import { buildDaemonSetManifests } from './manifests';
import { canonicalQuantity } from './quantity';
import { validateDaemonSetInput } from './validate';

const canonical = (list: Record<string, string> | undefined) =>
  Object.entries(list ?? {}).every(
    ([name, value]) => canonicalQuantity(value, name) === value,
  );

describe('properties of valid inputs', () => {
  it('validate and build, with consistent manifests that survive YAML', () => {
    fc.assert(
      fc.property(validInput, input => {
        expect(validateDaemonSetInput(input)).toEqual([]);
        const result = buildDaemonSetManifests(input);
        const ds = result.daemonSet;
        const templateLabels = ds.spec.template.metadata.labels;
        for (const [key, value] of Object.entries(
          ds.spec.selector.matchLabels,
        )) {
          expect(templateLabels[key]).toBe(value);
        }
        for (const service of result.services) {
          for (const [key, value] of Object.entries(service.spec.selector)) {
            expect(templateLabels[key]).toBe(value);
          }
        }
        const pod = ds.spec.template.spec;
        const volumeNames = new Set((pod.volumes ?? []).map(v => v.name));
        expect(volumeNames.size).toBe((pod.volumes ?? []).length);
        for (const container of pod.containers) {
          for (const mount of container.volumeMounts ?? []) {
            expect(volumeNames.has(mount.name)).toBe(true);
          }
          expect(container.resources.requests.cpu).toBeDefined();
          expect(container.resources.requests.memory).toBeDefined();
          expect(canonical(container.resources.requests)).toBe(true);
          expect(canonical(container.resources.limits)).toBe(true);
        }
        expect(parseAllDocuments(result.yaml).map(d => d.toJS())).toEqual(
          result.objects,
        );
        expect(
          buildDaemonSetManifests(JSON.parse(JSON.stringify(input))).yaml,
        ).toBe(result.yaml);
      }),
      RUNS,
    );
  });
});
