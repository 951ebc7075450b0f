import { makeStyles } from '@material-ui/core/styles';

/**
 * The spacing and flex layout of the tab's sections, as one static style sheet shared by every
 * instance. Used instead of MUI's `Box` on the tab's render path: every `Box` instance attaches a
 * style sheet of its own (a `<style>` element, updated on every re-render), a cost paid again for
 * each section when the tab opens.
 */
export const useLayoutStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: 8,
    marginBottom: theme.spacing(2),
  },
  details: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: 24,
    marginTop: theme.spacing(2),
  },
  mb2: { marginBottom: theme.spacing(2) },
  mb3: { marginBottom: theme.spacing(3) },
  mt2: { marginTop: theme.spacing(2) },
  mt3: { marginTop: theme.spacing(3) },
}));
