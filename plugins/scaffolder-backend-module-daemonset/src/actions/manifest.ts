import { InputError } from '@backstage/errors';
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
    if (document.errors.length > 0) {
      throw new InputError(
        `${inputName} is not valid YAML (document ${index}): ${document.errors[0].message}`,
      );
    }
    const value = document.toJS();
    if (value !== null && value !== undefined) {
      objects.push(value);
    }
  });
  return objects;
}
