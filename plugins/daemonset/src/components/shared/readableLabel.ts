import { makeStyles } from '@material-ui/core/styles';

/**
 * Field labels dark enough for WCAG AA: MUI's default (text.secondary) is 4.47:1 on the page's
 * #f8f8f8 background. Focused and error labels keep their theme colours.
 */
export const useReadableLabelStyles = makeStyles(theme => ({
  label: {
    '&:not(.Mui-focused):not(.Mui-error)': {
      color: theme.palette.type === 'dark' ? undefined : '#555',
    },
  },
}));
