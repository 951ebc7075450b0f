export { NodeTable, NODE_ROW_HEIGHT } from './NodeTable';
export type { NodeTableProps } from './NodeTable';
export type {
  NodeTableFilters,
  NodeTableColumn,
  NodeTableSort,
} from './nodeTableModel';
