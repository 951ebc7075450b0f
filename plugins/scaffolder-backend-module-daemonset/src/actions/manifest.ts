import { InputError } from '@backstage/errors';
import {
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import { parseAllDocuments } from 'yaml';

/**
 * Parses a multi-document YAML stream into its objects, skipping empty documents.
 *
 * @throws InputError naming the document that does not parse.
 */
export function parseManifest(text: string, inputName: string): unknown[] {
  const documents = parseAllDocuments(text);
  const objects: unknown[] = [];
  documents.forEach((document, index) => {
    // Unknown tags (!!js/function, !!python/...) only give warnings: refuse them too.
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem) {
      throw new InputError(
        `${inputName} is not valid YAML (document ${index}): ${problem.message.slice(
          0,
          300,
        )}`,
      );
    }
    let value: unknown;
    try {
      // Throws on undefined aliases and alias bombs ("Excessive alias count").
      value = document.toJS();
    } catch (error) {
      throw new InputError(
        `${inputName} is not valid YAML (document ${index}): ${String(
          (error as Error).message,
        ).slice(0, 300)}`,
      );
    }
    try {
      JSON.stringify(value); // a self-referencing alias (&a [*a]) cannot be sent
    } catch {
      throw new InputError(
        `${inputName} is not valid YAML (document ${index}): an alias refers to itself`,
      );
    }
    if (value !== null && value !== undefined) {
      objects.push(value);
    }
  });
  return objects;
}

function shown(value: string): string {
  return value.length > 80
    ? `'${value.slice(0, 80)}…' (${value.length} characters)`
    : `'${value}'`;
}

/**
 * Checks the names and namespaces of applicable objects locally, so that leftovers of template
 * syntax (`${{ }}`, `{{ }}`) or other garbage never reach the cluster.
 *
 * @throws InputError naming the input, the object and the field.
 */
export function assertObjectNames(
  objects: ReadonlyArray<{
    kind: string;
    metadata: { name: string; namespace?: string };
  }>,
  inputName: string,
): void {
  const problems: string[] = [];
  objects.forEach((object, index) => {
    const { name, namespace } = object.metadata;
    const service = object.kind === 'Service';
    const nameOk = service
      ? dns1035Label.test(name)
      : dns1123Subdomain.test(name);
    if (!nameOk) {
      problems.push(
        `object ${index} (${object.kind}) metadata.name ${shown(
          name,
        )} is not a valid ${
          service
            ? 'Service name (RFC 1035 label)'
            : 'name (RFC 1123 subdomain)'
        }`,
      );
    }
    if (namespace !== undefined && !dns1123Label.test(namespace)) {
      problems.push(
        `object ${index} (${object.kind}) metadata.namespace ${shown(
          namespace,
        )} is not a valid namespace (RFC 1123 label)`,
      );
    }
  });
  if (problems.length > 0) {
    throw new InputError(`${inputName}: ${problems.join('; ')}`);
  }
}
