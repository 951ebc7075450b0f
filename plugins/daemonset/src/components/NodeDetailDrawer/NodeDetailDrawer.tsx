import {
  lazy,
  ReactNode,
  Suspense,
  useEffect,
  useLayoutEffect,
  useRef,
} from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';

// Loaded when a node is first opened: the details (and pod troubleshooting) are not needed to
// show the tab.
const NodeRowDetail = lazy(() =>
  import('../NodeRowDetail').then(m => ({ default: m.NodeRowDetail })),
);

/** The drawer's width; the view leaves as much room on its right while it is open. */
export const DRAWER_WIDTH = 'min(540px, 45vw)';

const useStyles = makeStyles(theme => ({
  drawer: {
    position: 'fixed',
    top: 0,
    right: 0,
    bottom: 0,
    width: DRAWER_WIDTH,
    overflowY: 'auto',
    zIndex: theme.zIndex.drawer,
    backgroundColor: theme.palette.background.paper,
    boxShadow: theme.shadows[8],
    padding: theme.spacing(0, 2, 2),
    outline: 'none',
    '&:focus-visible': {
      boxShadow: `inset 0 0 0 3px ${theme.palette.primary.main}, ${theme.shadows[8]}`,
    },
  },
}));

/** Props of {@link NodeDetailDrawer}. @public */
export interface NodeDetailDrawerProps {
  /** The node shown; the drawer is closed when undefined. */
  row?: NodeRow;
  /** Closes the drawer (the Close button, Escape). */
  onClose: () => void;
  /** Shown below the details, e.g. further panels. */
  children?: ReactNode;
}

/** The element to give focus back to: the opener if still there, else the node's table row. */
function returnFocus(opener: HTMLElement | null, node: string | undefined) {
  if (opener?.isConnected) {
    opener.focus();
    return;
  }
  if (node) {
    document
      .querySelector<HTMLElement>(
        `[data-testid="daemonset-node-row"][data-node="${CSS.escape(node)}"]`,
      )
      ?.focus();
  }
}

/**
 * The selected node's details in a side panel over the right of the page: the table stays in
 * view and usable beside it (a non-modal dialog). Focus stays where the node was chosen; the
 * panel closes with Escape wherever focus is, and gives focus back to where it was opened from
 * when focus was inside it.
 *
 * @public
 */
export const NodeDetailDrawer = ({
  row,
  onClose,
  children,
}: NodeDetailDrawerProps) => {
  const classes = useStyles();
  const panelRef = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const shownNode = useRef<string | undefined>(undefined);
  const name = row?.node.name;

  useLayoutEffect(() => {
    if (name === undefined) {
      if (shownNode.current !== undefined) {
        const previous = shownNode.current;
        shownNode.current = undefined;
        // Focus was in the panel (now gone) when it is on the body: bring it back. Elsewhere,
        // the user has moved on: leave it.
        if (
          !document.activeElement ||
          document.activeElement === document.body
        ) {
          returnFocus(opener.current, previous);
        }
      }
      return;
    }
    if (shownNode.current === name) return;
    const active = document.activeElement as HTMLElement | null;
    if (
      active &&
      !panelRef.current?.contains(active) &&
      active !== document.body
    ) {
      opener.current = active;
    }
    // Focus stays where the node was chosen (the table or the map), so that arrows keep
    // browsing nodes with their details beside; Tab reaches the panel, Escape closes it.
    shownNode.current = name;
  }, [name]);

  useEffect(() => {
    if (name === undefined) return undefined;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [name, onClose]);

  if (!row) return null;
  return (
    <div
      ref={panelRef}
      role="dialog"
      aria-modal="false"
      aria-label={`Node ${row.node.name}`}
      tabIndex={-1}
      className={classes.drawer}
      data-testid="daemonset-node-drawer"
    >
      <Suspense fallback={null}>
        <NodeRowDetail row={row} onClose={onClose} />
        {children}
      </Suspense>
    </div>
  );
};
