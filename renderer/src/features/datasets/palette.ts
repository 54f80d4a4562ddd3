import { useMemo } from 'react';
import { useThemeColors } from '../../components/use-theme-colors';

const SERIES = [
  '--ds-series-1',
  '--ds-series-2',
  '--ds-series-3',
  '--ds-series-4',
  '--ds-series-5',
  '--ds-series-6',
] as const;
const BASE = ['--chart-grid', '--muted', '--text', '--panel', '--border', '--ok', '--warn', '--danger'] as const;

export interface DatasetColors {
  series: string[];
  base: Record<(typeof BASE)[number], string>;
}

const NAMES = [...SERIES, ...BASE] as const;

/** The dataset charts' colours, following the theme: a series palette plus the base UI colours. */
export function useDatasetColors(): DatasetColors {
  const all = useThemeColors(NAMES);
  // Stable between theme changes, like the state it is derived from.
  return useMemo(
    () => ({
      series: SERIES.map((n) => all[n]),
      base: Object.fromEntries(BASE.map((n) => [n, all[n]])) as DatasetColors['base'],
    }),
    [all],
  );
}
