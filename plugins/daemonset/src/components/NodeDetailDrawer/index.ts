export { NodeDetailDrawer, DRAWER_WIDTH } from './NodeDetailDrawer';
export type { NodeDetailDrawerProps } from './NodeDetailDrawer';
