import {
  InputHTMLAttributes,
  KeyboardEvent,
  MouseEvent,
  ReactNode,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useReadableLabelStyles } from './readableLabel';

/**
 * MUI's small outlined field (label on the outline, notched when raised) in one style sheet: a
 * TextField brings ten (form control, label, input base, outlined input, notched outline, select,
 * menu, popover…) to inject when the tab first opens.
 */
const useStyles = makeStyles(theme => {
  const light = theme.palette.type === 'light';
  return {
    root: {
      ...theme.typography.body1,
      lineHeight: '1.1876em',
      position: 'relative',
      display: 'inline-flex',
      verticalAlign: 'top',
      minWidth: 0,
      '&:hover $outline': { borderColor: theme.palette.text.primary },
      '&:focus-within $outline': {
        borderColor: theme.palette.primary.main,
        borderWidth: 2,
      },
      '&:focus-within $label': { color: theme.palette.primary.main },
    },
    control: {
      font: 'inherit',
      color: 'currentColor',
      width: '100%',
      height: '1.1876em',
      boxSizing: 'content-box',
      margin: 0,
      padding: '10.5px 14px',
      border: 0,
      background: 'none',
      outline: 'none',
      minWidth: 0,
      '&::placeholder': {
        color: 'currentColor',
        opacity: light ? 0.42 : 0.5,
      },
      '&::-webkit-search-decoration': { WebkitAppearance: 'none' },
    },
    // The placeholder shows only once the label is raised, as in MUI.
    lowered: { '& $control:not(:focus)::placeholder': { opacity: 0 } },
    select: {
      cursor: 'pointer',
      paddingRight: 32,
      overflow: 'hidden',
      whiteSpace: 'nowrap',
      textOverflow: 'ellipsis',
      userSelect: 'none',
    },
    icon: {
      position: 'absolute',
      right: 7,
      top: 'calc(50% - 12px)',
      width: 24,
      height: 24,
      fill: theme.palette.action.active,
      pointerEvents: 'none',
    },
    outline: {
      position: 'absolute',
      inset: '-5px 0 0',
      margin: 0,
      padding: '0 8px',
      pointerEvents: 'none',
      textAlign: 'left',
      borderRadius: theme.shape.borderRadius,
      border: `1px solid ${
        light ? 'rgba(0, 0, 0, 0.23)' : 'rgba(255, 255, 255, 0.23)'
      }`,
      overflow: 'hidden',
      minWidth: '0%',
    },
    legend: {
      display: 'block',
      width: 'auto',
      height: 11,
      padding: 0,
      fontSize: '0.75em',
      visibility: 'hidden',
      maxWidth: 0.01,
      whiteSpace: 'nowrap',
      '& > span': { paddingLeft: 5, paddingRight: 5, display: 'inline-block' },
    },
    notched: { maxWidth: 1000 },
    label: {
      position: 'absolute',
      left: 0,
      top: 0,
      zIndex: 1,
      lineHeight: 1,
      pointerEvents: 'none',
      transformOrigin: 'top left',
      transform: 'translate(14px, 12px) scale(1)',
      color: light ? '#555' : theme.palette.text.secondary,
    },
    raised: { transform: 'translate(14px, -6px) scale(0.75)' },
  };
});

function Outline(props: {
  classes: ReturnType<typeof useStyles>;
  label: string;
  raised: boolean;
}) {
  const { classes, label, raised } = props;
  return (
    <fieldset aria-hidden className={classes.outline}>
      <legend className={`${classes.legend} ${raised ? classes.notched : ''}`}>
        <span>{label}</span>
      </legend>
    </fieldset>
  );
}

/** The label, inside the field while it is empty and unfocused, else on its outline. */
function FloatingLabel(props: {
  classes: ReturnType<typeof useStyles>;
  raised: boolean;
  htmlFor?: string;
  id?: string;
  children: string;
}) {
  const { classes, raised, htmlFor, id, children } = props;
  return (
    <label
      htmlFor={htmlFor}
      id={id}
      className={`${classes.label} ${raised ? classes.raised : ''}`}
    >
      {children}
    </label>
  );
}

/** Props of {@link OutlinedTextField}. */
export interface OutlinedTextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'value'> {
  id: string;
  label: string;
  value: string;
  className?: string;
}

/** A native text input drawn like MUI's small outlined TextField, labelled by its `label`. */
export const OutlinedTextField = ({
  id,
  label,
  value,
  className,
  ...inputProps
}: OutlinedTextFieldProps) => {
  const classes = useStyles();
  const [focused, setFocused] = useState(false);
  const raised = focused || value !== '';
  return (
    <div
      className={`${classes.root} ${raised ? '' : classes.lowered} ${
        className ?? ''
      }`}
    >
      <FloatingLabel classes={classes} raised={raised} htmlFor={id}>
        {label}
      </FloatingLabel>
      <input
        {...inputProps}
        id={id}
        value={value}
        className={classes.control}
        onFocus={e => {
          setFocused(true);
          inputProps.onFocus?.(e);
        }}
        onBlur={e => {
          setFocused(false);
          inputProps.onBlur?.(e);
        }}
      />
      <Outline classes={classes} label={label} raised={raised} />
    </div>
  );
};

/** Props of {@link OnDemandSelect}. */
export interface OnDemandSelectProps {
  id: string;
  label: string;
  value: string;
  /** The text `value` is shown with; empty leaves the label inside the field. */
  text: string;
  onChange: (value: string) => void;
  className?: string;
  style?: React.CSSProperties;
  /** Attributes of the shown value's element, e.g. a test id. */
  displayProps?: Record<string, string>;
  /** Called when the real select is built (first use), before it opens. */
  onBuild?: () => void;
  /** The options (MUI `MenuItem`s), rendered once the real select is built. */
  children: ReactNode;
}

/** MUI's small outlined select, opened and closed by its parent. */
const BuiltSelect = (
  props: Omit<OnDemandSelectProps, 'text' | 'onBuild'> & {
    open: boolean;
    onOpen: () => void;
    onClose: () => void;
  },
) => {
  const labelClasses = useReadableLabelStyles();
  return (
    <TextField
      select
      id={props.id}
      size="small"
      variant="outlined"
      label={props.label}
      InputLabelProps={{ className: labelClasses.label }}
      className={props.className}
      style={props.style}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{
        open: props.open,
        onOpen: props.onOpen,
        onClose: props.onClose,
        SelectDisplayProps: props.displayProps as any,
      }}
    >
      {props.children}
    </TextField>
  );
};

const OPEN_KEYS = new Set([' ', 'ArrowUp', 'ArrowDown', 'Enter']);

/**
 * A select that shows its value like MUI's outlined Select, with the same role and name (a button
 * with a listbox popup, labelled by the label and the value), and builds the real one (MUI's,
 * with `children` as its options) when first used: a mouse press or an opening key (Space,
 * Enter, arrows) builds it open, with the focus on it, so the menu and its keyboard behaviour
 * are MUI's from then on.
 */
export const OnDemandSelect = (props: OnDemandSelectProps) => {
  const { id, label, text, className, style, displayProps, onBuild } = props;
  const classes = useStyles();
  const [built, setBuilt] = useState(false);
  const [open, setOpen] = useState(false);
  const openOnBuild = useRef(false);
  const wrapper = useRef<HTMLDivElement>(null);

  // The real select is in the DOM: focus it (the menu gives the focus back to it on close), open it.
  useLayoutEffect(() => {
    if (!built || !openOnBuild.current) return;
    openOnBuild.current = false;
    wrapper.current
      ?.querySelector<HTMLElement>('[aria-haspopup="listbox"]')
      ?.focus();
    setOpen(true);
  }, [built]);

  if (built) {
    return (
      <div ref={wrapper} style={{ display: 'contents' }}>
        <BuiltSelect
          {...props}
          open={open}
          onOpen={() => setOpen(true)}
          onClose={() => setOpen(false)}
        />
      </div>
    );
  }

  const build = () => {
    openOnBuild.current = true;
    setBuilt(true);
    onBuild?.();
  };
  const raised = text !== '';
  const labelId = `${id}-label`;
  const displayId = `${id}-display`;
  return (
    <div className={`${classes.root} ${className ?? ''}`} style={style}>
      <FloatingLabel classes={classes} raised={raised} id={labelId}>
        {label}
      </FloatingLabel>
      <div
        {...displayProps}
        id={displayId}
        role="button"
        tabIndex={0}
        aria-haspopup="listbox"
        aria-labelledby={`${labelId} ${displayId}`}
        className={`${classes.control} ${classes.select}`}
        onMouseDown={(e: MouseEvent) => {
          if (e.button !== 0) return;
          e.preventDefault();
          (e.currentTarget as HTMLElement).focus();
          build();
        }}
        onKeyDown={(e: KeyboardEvent) => {
          if (!OPEN_KEYS.has(e.key)) return;
          e.preventDefault();
          build();
        }}
      >
        {text || <span>&#8203;</span>}
      </div>
      <svg
        className={classes.icon}
        viewBox="0 0 24 24"
        focusable="false"
        aria-hidden
      >
        <path d="M7 10l5 5 5-5z" />
      </svg>
      <Outline classes={classes} label={label} raised={raised} />
    </div>
  );
};
