import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The value (a namespace) and `ui:options` of the namespace picker, for the template editor. */
export const DaemonSetNamespacePickerSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      clusterField: z
        .string()
        .optional()
        .describe('The form property holding the cluster. Default "cluster".'),
    }),
}).schema;
