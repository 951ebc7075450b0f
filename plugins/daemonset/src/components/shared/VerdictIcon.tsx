import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import BlockIcon from '@material-ui/icons/Block';
import { Verdict } from '@daemonsets/plugin-daemonset-common';
import { verdictStyle } from './verdictStyle';

const ICONS: Record<Verdict, typeof CheckCircleIcon> = {
  ok: CheckCircleIcon,
  failing: ErrorIcon,
  missing: RemoveCircleOutlineIcon,
  progressing: AutorenewIcon,
  misscheduled: ReportProblemIcon,
  notEligible: BlockIcon,
};

/**
 * A verdict's icon in its colour: a distinct shape per verdict, so that the verdict does not rest
 * on colour alone. Decorative: the label beside it names the verdict.
 */
export const VerdictIcon = ({ verdict }: { verdict: Verdict }) => {
  const Icon = ICONS[verdict] ?? BlockIcon;
  return (
    <Icon
      aria-hidden
      style={{
        color: verdictStyle(verdict).color,
        fontSize: '1.1em',
        verticalAlign: 'text-bottom',
        marginRight: 4,
      }}
    />
  );
};

/** A verdict as icon and label, in text colour (readable on any background). */
export const VerdictBadge = ({ verdict }: { verdict: Verdict }) => (
  <span data-testid="daemonset-verdict-badge" style={{ whiteSpace: 'nowrap' }}>
    <VerdictIcon verdict={verdict} />
    {verdictStyle(verdict).label}
  </span>
);
