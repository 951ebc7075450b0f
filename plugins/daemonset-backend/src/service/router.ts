import { ClusterDefinition } from '@daemonsets/plugin-daemonset-node';
import express from 'express';
import Router from 'express-promise-router';

/** @internal */
export interface RouterOptions {
  clusters: ClusterDefinition[];
}

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/clusters', (_req, res) => {
    res.json({
      items: options.clusters.map(({ name, title }) => ({ name, title })),
    });
  });

  return router;
}
