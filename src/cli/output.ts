import type { Finding, Severity } from '../core/index.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

export function countErrors(findings: readonly Finding[]): number {
  return findings.filter((f) => f.severity === 'error').length;
}

/** The "Review" section appended to a Markdown note. */
export function reviewMarkdown(findings: readonly Finding[]): string {
  const lines = ['## Review', ''];
  if (findings.length === 0) lines.push('No findings.');
  for (const f of sortFindings(findings)) {
    lines.push(`- **${f.severity}** \`${f.ruleId}\`: ${f.message}`, `  - Fix: ${f.fixHint}`);
  }
  return lines.join('\n') + '\n';
}

/** Findings for a terminal: severity, rule id, message, fix hint and source. */
export function reviewText(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.\n';
  const lines: string[] = [];
  for (const f of sortFindings(findings)) {
    lines.push(`${f.severity.padEnd(7)} ${f.ruleId}: ${f.message}`);
    lines.push(`        fix: ${f.fixHint}`);
    lines.push(`        source: ${f.source}`);
  }
  const errors = countErrors(findings);
  lines.push(
    '',
    `${findings.length} finding${plural(findings.length)}, ${errors} error${plural(errors)}`,
  );
  return lines.join('\n') + '\n';
}

export function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** A plain text table with padded columns. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return (
    [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n'
  );
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
