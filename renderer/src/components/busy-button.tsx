import type { ButtonHTMLAttributes } from 'react';

/**
 * A button that waits instead of switching off while its work runs: a
 * disabled button drops the keyboard focus, this one keeps it, says it is
 * unavailable (aria-disabled) and ignores clicks and Enter until `waiting`
 * is over.
 */
export function BusyButton({ waiting, onClick, type = 'button', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { waiting: boolean }) {
  return (
    <button
      {...rest}
      type={type}
      aria-disabled={waiting || undefined}
      onClick={(e) => {
        if (waiting) e.preventDefault();
        else onClick?.(e);
      }}
    />
  );
}
