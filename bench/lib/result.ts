/** The shape every scenario reports: one row per measured case, printed as one table. */
import type { Summary } from './stats.js';

/** Units the table knows how to format. */
export type Unit = 'req' | 'ms' | 's' | 'req/s' | 'MiB' | 'MiB/s';

/** A measured quantity: the summary of its rounds and its unit. */
export interface Figure {
  readonly summary: Summary;
  readonly unit: Unit;
}

/** A figure measured for the baseline, with what the baseline is. */
export interface BaselineFigure extends Figure {
  readonly label: string;
}

/**
 * One line of the results table. `ratio` is subject ÷ baseline computed per round (rounds are
 * paired: baseline and subject run back to back in each round), so its spread is the spread of
 * the ratio itself, not of the two figures.
 */
export interface ResultRow {
  readonly scenario: string;
  readonly case: string;
  readonly subject?: Figure;
  readonly baseline?: BaselineFigure;
  readonly ratio?: Summary;
  /** The target as text (`≤ 1.20×`, `= N`), absent for context-only rows. */
  readonly target?: string;
  /** Whether the target was met; absent when there is no target or the row was skipped. */
  readonly met?: boolean;
  /** Short extra facts shown next to the measured figure (request kinds, RSS growth, …). */
  readonly detail?: string;
  /** Why a row was skipped or anything else a reader must know about it. */
  readonly note?: string;
}

/** A row for a case that could not be measured in this run, with the reason. */
export function skippedRow(scenario: string, caseName: string, reason: string): ResultRow {
  return { scenario, case: caseName, note: `skipped: ${reason}` };
}
