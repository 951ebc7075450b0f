import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The value and `ui:options` of the Secret and ConfigMap pickers, for the template editor: a name
 * on a string field, `{ name, key }` on an object field.
 */
export function keyedObjectPickerSchema(kind: 'Secret' | 'ConfigMap') {
  return makeFieldSchema({
    output: z =>
      z.union([
        z.string().describe(`The ${kind}'s name`),
        z
          .object({
            name: z.string().describe(`The ${kind}'s name`),
            key: z.string().describe(`A key of the ${kind}`),
          })
          .passthrough(),
      ]),
    uiOptions: z =>
      z.object({
        clusterField: z
          .string()
          .optional()
          .describe(
            'The form property holding the cluster. Default "cluster".',
          ),
        namespaceField: z
          .string()
          .optional()
          .describe(
            'The form property holding the namespace. Default "namespace".',
          ),
        ...(kind === 'Secret'
          ? {
              secretTypes: z
                .array(z.string())
                .optional()
                .describe(
                  'List only Secrets of these types, e.g. kubernetes.io/dockerconfigjson.',
                ),
            }
          : {}),
      }),
  }).schema;
}
