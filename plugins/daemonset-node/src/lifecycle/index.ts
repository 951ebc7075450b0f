export { assertBaseRevision, parseBaseRevision } from './baseRevision';
