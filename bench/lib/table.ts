/** Formats {@link ResultRow}s as a plain-text table (terminal) and as Markdown (RESULTS.md). */
import type { Figure, ResultRow } from './result.js';
import type { Summary } from './stats.js';

function digits(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toString();
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toString();
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** `median unit (min–max)`, or just `median unit` when every round gave the same value. */
export function formatFigure(figure: Figure | undefined): string {
  if (figure === undefined) return '—';
  return formatSummary(figure.summary, ` ${figure.unit}`);
}

/** `median (min–max)` of a summary with an optional suffix after each number. */
export function formatSummary(s: Summary, suffix = ''): string {
  if (s.n === 0) return '—';
  const median = `${digits(s.median)}${suffix}`;
  if (s.min === s.max) return median;
  return `${median} (${digits(s.min)}–${digits(s.max)})`;
}

/** A ratio summary as `1.07× (1.02–1.15)`. */
export function formatRatio(ratio: Summary | undefined): string {
  return ratio === undefined ? '—' : formatSummary(ratio, '×');
}

const HEADERS = ['Scenario', 'Case', 'Measured', 'Baseline', 'Ratio', 'Target', 'Met'] as const;

function cells(row: ResultRow): string[] {
  const baseline = row.baseline === undefined ? '—' : `${formatFigure(row.baseline)} · ${row.baseline.label}`;
  const met = row.met === undefined ? (row.note?.startsWith('skipped') ? 'skip' : '') : row.met ? 'yes' : 'NO';
  const measured = row.subject === undefined ? (row.note ?? '—') : formatFigure(row.subject);
  const subject = row.detail === undefined ? measured : `${measured}; ${row.detail}`;
  return [row.scenario, row.case, subject, baseline, formatRatio(row.ratio), row.target ?? '', met];
}

/** A fixed-width text table for the terminal, one line per row. */
export function renderTextTable(rows: readonly ResultRow[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(HEADERS), rule, ...body.map(line)].join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The same table as GitHub Markdown. */
export function renderMarkdownTable(rows: readonly ResultRow[]): string {
  const head = `| ${HEADERS.join(' | ')} |`;
  const rule = `|${HEADERS.map(() => '---').join('|')}|`;
  const body = rows.map((row) => `| ${cells(row).map(escapeCell).join(' | ')} |`);
  const notes = rows
    .filter((row) => row.note !== undefined && row.subject !== undefined)
    .map((row) => `- ${row.scenario} / ${row.case}: ${row.note ?? ''}`);
  return [head, rule, ...body, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
