import { stringify } from 'yaml';

/**
 * Serialises objects as a multi-document YAML stream, each document starting with `---`.
 * Key order is the objects' own (the builder fixes it), so equal inputs give equal text.
 */
export function toYamlDocuments(objects: ReadonlyArray<unknown>): string {
  return objects
    .map(
      object =>
        `---\n${stringify(object, {
          aliasDuplicateObjects: false,
          lineWidth: 0,
        })}`,
    )
    .join('');
}
