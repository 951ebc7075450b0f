export {
  NodeTable,
  NODE_ROW_HEIGHT,
  NODE_TABLE_VIEWPORT_ROWS,
} from './NodeTable';
export type { NodeTableProps } from './NodeTable';
export type {
  NodeTableFilters,
  NodeTableColumn,
  NodeTableSort,
} from './nodeTableModel';
