// Turns summed pence from the data layer into Decimal figures with variances and RAG (no I/O here).
import { fromPence, type Decimal } from '../domain/money'
import { ragOf, ragReason, variance, type Rag, type RagPolicy, type Variance } from '../domain/variance'
import type { FigureSums } from '../data/figures-repository'

export interface Figures {
  /** The revised budget: the original plus every approved budget change. */
  budget: Decimal
  /** The original budget frozen by the February decision; null until the year's original is frozen. */
  original: Decimal | null
  profileToDate: Decimal
  actualToDate: Decimal
  /** The forecast outturn; in a closed year, the outturn: the year's actual spend. */
  forecast: Decimal
  /** Whether the year is closed, so `forecast` is the outturn. */
  closed: boolean
  /** Forecast outturn (or outturn) − budget (overspend positive). */
  forecastVariance: Variance
  /** Actual to date − profile to date. */
  toDateVariance: Variance
  rag: Rag
  ragReason: string
  linesWithoutForecast: number
  /** 'all' when every line is illustrative, 'some' when some are, null when none. */
  illustrative: 'all' | 'some' | null
}

function illustrativeShare(illustrative: number, lines: number): Figures['illustrative'] {
  if (illustrative === 0) return null
  return illustrative >= lines ? 'all' : 'some'
}

/** Figures for a year; `closed` (its last month posted) makes the outturn the actual spend, not the forecast. */
export function toFigures(sums: FigureSums, policy: RagPolicy, closed = false): Figures {
  const budget = fromPence(sums.budget)
  const profileToDate = fromPence(sums.profile)
  const actualToDate = fromPence(sums.actual)
  const forecast = closed ? actualToDate : fromPence(sums.forecast)
  const forecastVariance = variance(forecast, budget)
  const rag = ragOf(forecastVariance, policy)
  return {
    budget,
    original: sums.original === null || sums.original === undefined ? null : fromPence(sums.original),
    profileToDate,
    actualToDate,
    forecast,
    closed,
    forecastVariance,
    toDateVariance: variance(actualToDate, profileToDate),
    rag,
    ragReason: ragReason(forecastVariance, rag),
    linesWithoutForecast: closed ? 0 : Number(sums.without_forecast ?? 0),
    illustrative: illustrativeShare(Number(sums.illustrative_lines ?? 0), Number(sums.line_count ?? 0)),
  }
}
