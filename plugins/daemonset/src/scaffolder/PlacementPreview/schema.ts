import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The preview writes nothing; its `ui:options`, for the template editor. */
export const DaemonSetPlacementPreviewSchema = makeFieldSchema({
  output: z =>
    z.any().describe('Nothing: the preview only shows, it writes no value'),
  uiOptions: z =>
    z.object({
      clusterField: z
        .string()
        .optional()
        .describe('The form property holding the cluster. Default "cluster".'),
    }),
}).schema;
