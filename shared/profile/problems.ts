/** One thing wrong with a profile: where (a dotted field path) and what to do. */
export interface Problem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export type Report = (path: string, message: string, severity?: Problem['severity']) => void;

export function collector(): { problems: Problem[]; report: Report } {
  const problems: Problem[] = [];
  return {
    problems,
    report: (path, message, severity = 'error') => problems.push({ path, message, severity }),
  };
}
