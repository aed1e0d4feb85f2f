import { useId, useState, type ReactNode } from 'react';
import './notice.css';

/**
 * One notice per fact: the fact in one line that always shows (an `alert` when the person must act
 * on it), and what to do about it, the evidence or a result below, collapsible with one button.
 * Placed by its caller next to what it is about.
 */
export function Notice({
  tone,
  headline,
  children,
  className,
}: {
  tone: 'warn' | 'error';
  headline: ReactNode;
  /** The collapsible part; without it the notice is its headline alone. */
  children?: ReactNode;
  className?: string;
}) {
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const collapsible = children !== undefined && children !== null && children !== false;
  return (
    <div role="alert" className={`alert ${tone} notice${className ? ` ${className}` : ''}`}>
      <div className="notice-head">
        <div className="notice-headline">{headline}</div>
        {collapsible ? (
          <button
            type="button"
            className="notice-toggle"
            aria-expanded={open}
            {...(open ? { 'aria-controls': bodyId } : {})}
            onClick={() => setOpen((was) => !was)}
          >
            {open ? 'Hide details' : 'Show details'}
          </button>
        ) : null}
      </div>
      {collapsible && open ? (
        <div id={bodyId} className="notice-body">
          {children}
        </div>
      ) : null}
    </div>
  );
}
