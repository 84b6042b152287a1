/** One remark about an imported answer file. */
export interface Diagnostic {
  /** 1-based line where the variable or line starts; 0 when it is about a variable missing from the file. */
  line: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  variable?: string;
}

export type Note = (severity: Diagnostic['severity'], message: string) => void;

/** Collects diagnostics; `at` binds a line (and variable) so section parsers only say what and how bad. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  /** Variables assigned an empty value, which setup-alpine treats like unset: name → line. */
  readonly blank = new Map<string, number>();

  add(line: number, severity: Diagnostic['severity'], message: string, variable?: string): void {
    this.list.push(variable === undefined ? { line, severity, message } : { line, severity, message, variable });
  }

  /** About a variable that is unset or empty; `message` gets "not set" or "empty". */
  missing(variable: string, severity: Diagnostic['severity'], message: (state: 'not set' | 'empty') => string): void {
    const line = this.blank.get(variable);
    this.add(line ?? 0, severity, message(line === undefined ? 'not set' : 'empty'), variable);
  }

  at(line: number, variable?: string): Note {
    return (severity, message) => this.add(line, severity, message, variable);
  }
}
