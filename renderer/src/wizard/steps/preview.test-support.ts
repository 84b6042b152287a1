import { screen } from '@testing-library/react';

/** The text of the live answer-file preview beside the steps. */
export const preview = (): string => (screen.getByLabelText('Answer file text') as HTMLTextAreaElement).value;
