// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BusyButton } from '../components/busy-button';
import '../test-support/render-app.test-support';

describe('a button whose work is running', () => {
  it('keeps the focus, says it is unavailable and ignores clicks and Enter until the work is over', async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    const submitted = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    const { rerender } = render(
      <form onSubmit={submitted}>
        <input aria-label="Message" />
        <BusyButton type="submit" waiting onClick={onClick}>
          Commit
        </BusyButton>
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Commit' });
    await user.click(button);
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'x{Enter}');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(onClick).not.toHaveBeenCalled();
    expect(submitted).not.toHaveBeenCalled();

    button.focus();
    rerender(
      <form onSubmit={submitted}>
        <input aria-label="Message" />
        <BusyButton type="submit" waiting={false} onClick={onClick}>
          Commit
        </BusyButton>
      </form>,
    );
    expect(button).toHaveFocus();
    expect(button).not.toHaveAttribute('aria-disabled');
    await user.keyboard('{Enter}');
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(submitted).toHaveBeenCalledTimes(1);
  });
});
