import { InputError } from '@backstage/errors';
import {
  assertApplicableObjects,
  ManifestObject,
} from '@daemonsets/plugin-daemonset-node';
import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';

/** Hex SHA-256 of a manifest's text. @internal */
export function sha256Of(manifest: string): string {
  return createHash('sha256').update(manifest, 'utf8').digest('hex');
}

function parseDocuments(text: string): unknown[] {
  const objects: unknown[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    // Unknown tags only give warnings: refuse them too.
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem) {
      throw new InputError(
        `manifest is not valid YAML (document ${index}): ${problem.message.slice(
          0,
          300,
        )}`,
      );
    }
    let value: unknown;
    try {
      value = document.toJS();
      JSON.stringify(value);
    } catch (error) {
      throw new InputError(
        `manifest is not valid YAML (document ${index}): ${String(
          (error as Error).message,
        ).slice(0, 300)}`,
      );
    }
    if (value !== null && value !== undefined) objects.push(value);
  });
  return objects;
}

/**
 * Parses a request's manifest and checks that it holds only applicable objects (DaemonSet,
 * Service) in the request's namespace, with exactly one DaemonSet: the one named in the request.
 *
 * @throws InputError naming `manifest` and the rule broken.
 * @internal
 */
export function parseRequestManifest(
  manifest: string,
  target: { namespace: string; name: string },
): ManifestObject[] {
  const objects = parseDocuments(manifest);
  try {
    assertApplicableObjects(objects);
  } catch (error) {
    throw new InputError(`manifest: ${(error as Error).message}`);
  }
  const typed = objects as ManifestObject[];
  const elsewhere = typed.filter(
    o => o.metadata.namespace !== target.namespace,
  );
  if (elsewhere.length > 0) {
    throw new InputError(
      `manifest: every object must be in namespace '${
        target.namespace
      }' (the request's namespace); ${elsewhere
        .map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)
        .join(', ')} is not`,
    );
  }
  const daemonSets = typed.filter(o => o.kind === 'DaemonSet');
  if (daemonSets.length !== 1 || daemonSets[0].metadata.name !== target.name) {
    throw new InputError(
      `manifest: must hold exactly one DaemonSet, named '${
        target.name
      }' (the request's name); found ${
        daemonSets.map(o => `'${o.metadata.name}'`).join(', ') || 'none'
      }`,
    );
  }
  return typed;
}
