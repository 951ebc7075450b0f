import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The value (a cluster name) and `ui:options` of the cluster picker, for the template editor. */
export const DaemonSetClusterPickerSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z => z.object({}),
}).schema;
